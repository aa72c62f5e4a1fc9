package io.vigil.notify.channel.pagerduty;

import io.vigil.model.Alert;
import io.vigil.model.Notification;
import java.util.List;
import java.util.Locale;

/**
 * PagerDuty's {@code payload.severity} (critical, error, warning, info) from the alerts' severity label
 * ({@code severity_label}, default {@code severity}).
 *
 * <p>The group's common label wins; when the alerts disagree, the most severe firing alert's label is
 * used, because one critical alert in a group makes the page critical. {@code warn} counts as warning.
 * A missing or unknown value (a typo, {@code page}, {@code p1}) becomes {@code error}: the same default
 * as Alertmanager's, loud enough to be seen, without claiming a criticality nobody stated.
 */
final class PagerDutySeverity {
    /** PagerDuty's values, least severe first. */
    private static final List<String> LEVELS = List.of("info", "warning", "error", "critical");
    static final String DEFAULT = "error";

    private PagerDutySeverity() {
    }

    static String of(Notification n, String label) {
        String common = known(n.commonLabels().get(label));
        if (common != null) {
            return common;
        }
        String worst = null;
        for (Alert a : n.alerts()) {
            String s = known(a.labels().get(label));
            if (s != null && Notification.FIRING.equals(a.status())
                    && (worst == null || LEVELS.indexOf(s) > LEVELS.indexOf(worst))) {
                worst = s;
            }
        }
        return worst != null ? worst : DEFAULT;
    }

    private static String known(String value) {
        if (value == null) {
            return null;
        }
        String v = value.strip().toLowerCase(Locale.ROOT);
        if (v.equals("warn")) {
            return "warning";
        }
        return LEVELS.contains(v) ? v : null;
    }
}

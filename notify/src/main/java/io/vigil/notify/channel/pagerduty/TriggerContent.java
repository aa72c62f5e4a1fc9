package io.vigil.notify.channel.pagerduty;

import io.vigil.model.Alert;
import io.vigil.model.Notification;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a trigger event says about a notification: the one-line summary PagerDuty shows as the alert's
 * title, the source, the details an on-call engineer reads, and links back.
 *
 * <p>Summary: {@code [FIRING:3] HighCPU (web eu-1) - CPU above 90% for 10m}: the firing count, the alert
 * name, the other group label values, then the common {@code summary} annotation; cut to PagerDuty's
 * 1,024 characters (a longer one is refused with a 400, which would lose the page). Source: the common
 * {@code instance} label, else the common {@code job}, else the client name. The details list at most
 * {@value #MAX_ALERTS_LISTED} alerts, to stay far below PagerDuty's 512 KB event limit.
 */
final class TriggerContent {
    static final int MAX_SUMMARY = 1024;
    static final int MAX_ALERTS_LISTED = 20;
    private static final int MAX_LINKS = 5;

    private TriggerContent() {
    }

    static PagerDutyEvent.Payload payload(Notification n, String severity, String client) {
        String source = firstPresent(n.commonLabels().get("instance"), n.commonLabels().get("job"), client);
        String timestamp = n.createdAt() == null ? null : n.createdAt().toString();
        return new PagerDutyEvent.Payload(summary(n), source, severity, timestamp, details(n));
    }

    static String summary(Notification n) {
        StringBuilder s = new StringBuilder();
        s.append("[FIRING:").append(count(n, Notification.FIRING)).append("] ");
        String name = firstPresent(n.groupLabels().get("alertname"), n.commonLabels().get("alertname"), "alert");
        s.append(name);
        List<String> scope = new ArrayList<>();
        new TreeMap<>(n.groupLabels()).forEach((k, v) -> {
            if (!k.equals("alertname") && !v.isBlank()) {
                scope.add(v);
            }
        });
        if (!scope.isEmpty()) {
            s.append(" (").append(String.join(" ", scope)).append(')');
        }
        String summary = n.commonAnnotations().get("summary");
        if (summary != null && !summary.isBlank()) {
            s.append(" - ").append(summary.strip());
        }
        return truncate(s.toString(), MAX_SUMMARY);
    }

    static List<PagerDutyEvent.Link> links(Notification n) {
        List<PagerDutyEvent.Link> links = new ArrayList<>();
        if (n.externalUrl() != null && !n.externalUrl().isBlank()) {
            links.add(new PagerDutyEvent.Link(n.externalUrl(), "Vigil"));
        }
        Set<String> seen = new LinkedHashSet<>();
        for (Alert a : n.alerts()) {
            String url = a.generatorUrl();
            if (url != null && !url.isBlank() && seen.size() < MAX_LINKS && seen.add(url)) {
                links.add(new PagerDutyEvent.Link(url, "Source of " + a.labels().getOrDefault("alertname", "alert")));
            }
        }
        return links;
    }

    private static Map<String, Object> details(Notification n) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("firing", count(n, Notification.FIRING));
        d.put("resolved", count(n, Notification.RESOLVED));
        d.put("group_labels", new TreeMap<>(n.groupLabels()));
        d.put("common_labels", new TreeMap<>(n.commonLabels()));
        d.put("common_annotations", new TreeMap<>(n.commonAnnotations()));
        List<Map<String, Object>> alerts = new ArrayList<>();
        for (Alert a : n.alerts()) {
            if (alerts.size() == MAX_ALERTS_LISTED) {
                break;
            }
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("status", a.status());
            one.put("labels", new TreeMap<>(a.labels()));
            one.put("annotations", new TreeMap<>(a.annotations()));
            one.put("starts_at", a.startsAt() == null ? null : a.startsAt().toString());
            alerts.add(one);
        }
        d.put("alerts", alerts);
        if (n.alerts().size() > alerts.size()) {
            d.put("alerts_not_listed", n.alerts().size() - alerts.size());
        }
        d.put("notification_id", n.id());
        return d;
    }

    private static int count(Notification n, String status) {
        int c = 0;
        for (Alert a : n.alerts()) {
            if (status.equals(a.status())) {
                c++;
            }
        }
        return c;
    }

    private static String firstPresent(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }

    /** At most {@code max} characters, ending with an ellipsis when cut, never splitting a surrogate pair. */
    static String truncate(String s, int max) {
        if (s.length() <= max) {
            return s;
        }
        int end = max - 1;
        if (Character.isHighSurrogate(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end) + "…";
    }
}

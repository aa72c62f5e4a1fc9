package io.vigil.alerting.manager.dispatch;

import io.vigil.model.Alert;
import io.vigil.model.Notification;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Builds the notification of a flush as Alertmanager's webhook has it (common labels and annotations). */
public final class Notifications {
    private Notifications() {
    }

    public static Notification of(String id, AlertGroup group, FlushDecision d, String externalUrl, Instant now) {
        List<ManagedAlert> all = new ArrayList<>(d.firing());
        all.addAll(d.resolved());
        List<Alert> alerts = new ArrayList<>();
        for (ManagedAlert a : all) {
            alerts.add(new Alert(a.firing() ? Notification.FIRING : Notification.RESOLVED, a.labels(), a.annotations(),
                    a.startsAt(), a.endsAt(), a.generatorUrl(), a.fingerprint()));
        }
        String status = d.firing().isEmpty() ? Notification.RESOLVED : Notification.FIRING;
        return new Notification(id, group.receiver(), status, group.groupKey(), group.groupLabels(),
                common(all, true), common(all, false), externalUrl, alerts, now);
    }

    private static Map<String, String> common(List<ManagedAlert> alerts, boolean labels) {
        Map<String, String> out = new HashMap<>(labels ? alerts.get(0).labels() : alerts.get(0).annotations());
        for (ManagedAlert a : alerts) {
            Map<String, String> m = labels ? a.labels() : a.annotations();
            out.entrySet().removeIf(e -> !e.getValue().equals(m.get(e.getKey())));
        }
        return out;
    }
}

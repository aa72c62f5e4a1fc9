package io.vigil.notify.channel.email;

import io.vigil.model.Alert;
import io.vigil.model.Notification;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Notifications as alerting publishes them: a group of HighCPU alerts on job "web", firing or resolved. */
final class HighCpuNotifications {
    static final Instant STARTS = Instant.parse("2026-03-01T10:00:00Z");
    static final Instant ENDS = Instant.parse("2026-03-01T10:30:00Z");
    static final String GRAPH = "https://vigil.example.com/graph?g0.expr=cpu%3E0.9&g0.tab=0";
    static final String EXTERNAL_URL = "https://vigil.example.com";

    private HighCpuNotifications() {
    }

    static Notification firing(String receiver) {
        return notification("n-firing-1", receiver, Notification.FIRING,
                List.of(alert("firing", "web-1", null), alert("firing", "web-2", null)));
    }

    static Notification resolved(String receiver) {
        return notification("n-resolved-1", receiver, Notification.RESOLVED,
                List.of(alert("resolved", "web-1", ENDS), alert("resolved", "web-2", ENDS)));
    }

    static Notification notification(String id, String receiver, String status, List<Alert> alerts) {
        return new Notification(id, receiver, status, "{}:{alertname=\"HighCPU\", job=\"web\"}",
                Map.of("alertname", "HighCPU", "job", "web"), Map.of("alertname", "HighCPU", "job", "web"),
                Map.of(), EXTERNAL_URL, alerts, STARTS.plusSeconds(60));
    }

    static Alert alert(String status, String instance, Instant endsAt) {
        return new Alert(status, Map.of("alertname", "HighCPU", "job", "web", "instance", instance, "severity", "critical"),
                Map.of("summary", "CPU above 90% on " + instance, "description", instance + " has been busy for 10m",
                        "runbook", "https://runbooks.example.com/cpu"),
                STARTS, endsAt, GRAPH, instance + "-fp");
    }
}

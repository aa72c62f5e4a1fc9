package io.vigil.notify.channel.contract;

import io.vigil.model.Alert;
import io.vigil.model.Notification;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Notifications as alerting publishes them, for channel tests: a group of two HighCPU alerts on "web". */
public final class SampleNotifications {
    public static final String GROUP_KEY = "{}/{team=\"web\"}:{alertname=\"HighCPU\", job=\"web\"}";
    public static final Instant STARTS = Instant.parse("2026-03-01T10:00:00Z");
    public static final Instant ENDS = Instant.parse("2026-03-01T10:30:00.5Z");

    private SampleNotifications() {
    }

    public static Notification firing(String receiver) {
        return new Notification("n-firing-1", receiver, Notification.FIRING, GROUP_KEY,
                Map.of("alertname", "HighCPU", "job", "web"),
                Map.of("alertname", "HighCPU", "job", "web", "severity", "critical"),
                Map.of("summary", "CPU above 90% for 10m"), "https://vigil.example.com",
                List.of(alert("firing", "web-1", null, "a1f0c3"), alert("firing", "web-2", null, "b2e1d4")),
                STARTS.plusSeconds(60));
    }

    public static Notification resolved(String receiver) {
        return new Notification("n-resolved-1", receiver, Notification.RESOLVED, GROUP_KEY,
                Map.of("alertname", "HighCPU", "job", "web"),
                Map.of("alertname", "HighCPU", "job", "web", "severity", "critical"),
                Map.of("summary", "CPU above 90% for 10m"), "https://vigil.example.com",
                List.of(alert("resolved", "web-1", ENDS, "a1f0c3"), alert("resolved", "web-2", ENDS, "b2e1d4")),
                ENDS.plusSeconds(5));
    }

    public static Alert alert(String status, String instance, Instant endsAt, String fingerprint) {
        return new Alert(status, Map.of("alertname", "HighCPU", "job", "web", "instance", instance, "severity", "critical"),
                Map.of("summary", "CPU above 90% for 10m", "description", instance + " is busy"), STARTS, endsAt,
                "https://vigil.example.com/graph?g0.expr=cpu%3E0.9", fingerprint);
    }
}

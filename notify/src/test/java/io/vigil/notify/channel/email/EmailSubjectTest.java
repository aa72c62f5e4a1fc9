package io.vigil.notify.channel.email;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.model.Notification;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The subject line: what an on-call engineer reads first in the mail client's list. */
class EmailSubjectTest {
    private final EmailTemplates templates = new EmailTemplates();

    private String subject(Notification n, String prefix) {
        return templates.render(n, prefix).subject();
    }

    @Test
    void firingCountsOnlyTheAlertsStillFiring() {
        Notification mixed = HighCpuNotifications.notification("n", "r", Notification.FIRING, List.of(
                HighCpuNotifications.alert("firing", "web-1", null),
                HighCpuNotifications.alert("resolved", "web-2", HighCpuNotifications.ENDS)));
        assertThat(subject(mixed, null)).isEqualTo("[FIRING:1] HighCPU (job=web)");
        assertThat(subject(HighCpuNotifications.resolved("r"), "[staging]")).isEqualTo("[staging] [RESOLVED] HighCPU (job=web)");
    }

    @Test
    void groupLabelsOtherThanAlertnameAreListedSorted() {
        Notification n = new Notification("n", "r", Notification.FIRING, "g",
                Map.of("zone", "eu-1", "alertname", "DiskFull", "cluster", "c7"), Map.of(), Map.of(), null,
                List.of(HighCpuNotifications.alert("firing", "web-1", null)), HighCpuNotifications.STARTS);
        assertThat(subject(n, null)).isEqualTo("[FIRING:1] DiskFull (cluster=c7 zone=eu-1)");
    }

    @Test
    void withoutAlertnameInTheGroupTheCommonOneIsUsed() {
        Notification n = new Notification("n", "r", Notification.FIRING, "g", Map.of("team", "db"),
                Map.of("alertname", "HighCPU", "team", "db"), Map.of(), null,
                List.of(HighCpuNotifications.alert("firing", "web-1", null)), HighCpuNotifications.STARTS);
        assertThat(subject(n, null)).isEqualTo("[FIRING:1] HighCPU (team=db)");
    }

    @Test
    void aHugeLabelValueIsCutSoTheSubjectStaysOneReadableLine() {
        Notification n = new Notification("n", "r", Notification.FIRING, "g",
                Map.of("alertname", "HighCPU", "job", "x".repeat(5000) + "\n"), Map.of(), Map.of(), null,
                List.of(HighCpuNotifications.alert("firing", "web-1", null)), HighCpuNotifications.STARTS);
        String s = subject(n, null);
        assertThat(s).hasSize(EmailTemplates.MAX_HEADER_LENGTH).startsWith("[FIRING:1] HighCPU (job=xxx").endsWith("…")
                .doesNotContain("\n");
    }
}

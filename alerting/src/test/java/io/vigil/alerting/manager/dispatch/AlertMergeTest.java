package io.vigil.alerting.manager.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Rows of one fingerprint from a rule and from the API are one alert; pending rows and expired validity. */
class AlertMergeTest {
    private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");
    private static final Map<String, String> LABELS = Map.of("alertname", "X");

    private static AlertRow row(String source, String state, Instant fired, Instant resolved, Instant validUntil, Instant updated,
            String summary) {
        return new AlertRow(source, "fp1", LABELS, Map.of("summary", summary), state, fired, fired, resolved, validUntil, null, updated);
    }

    @Test
    void firingFromAnySourceWinsWithTheEarliestStartAndNewestAnnotations() {
        AlertRow rule = row("rule:g", "resolved", NOW.minusSeconds(600), NOW.minusSeconds(60), null, NOW.minusSeconds(60), "old");
        AlertRow api = row("api", "firing", NOW.minusSeconds(120), null, NOW.plusSeconds(300), NOW.minusSeconds(10), "new");
        List<ManagedAlert> merged = AlertReader.merge(List.of(api, rule), NOW);
        assertThat(merged).singleElement().satisfies(a -> {
            assertThat(a.firing()).isTrue();
            assertThat(a.startsAt()).isEqualTo(NOW.minusSeconds(600));
            assertThat(a.annotations()).containsEntry("summary", "new");
        });
    }

    @Test
    void firingPastValidUntilIsResolvedThenAndPendingIsIgnored() {
        AlertRow stale = row("api", "firing", NOW.minusSeconds(600), null, NOW.minusSeconds(5), NOW.minusSeconds(305), "s");
        assertThat(AlertReader.merge(List.of(stale), NOW)).singleElement().satisfies(a -> {
            assertThat(a.firing()).isFalse();
            assertThat(a.endsAt()).isEqualTo(NOW.minusSeconds(5));
        });
        AlertRow pending = row("rule:g", "pending", NOW.minusSeconds(10), null, null, NOW, "p");
        assertThat(AlertReader.merge(List.of(pending), NOW)).isEmpty();
    }
}

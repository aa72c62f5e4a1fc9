package io.vigil.alerting.eval;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.alerting.rules.AlertingRule;
import io.vigil.alerting.rules.RecordingRule;
import io.vigil.alerting.rules.RuleGroup;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GroupStateTest {
    private static AlertingRule alert(String name, String expr) {
        return new AlertingRule(name, expr, Duration.ZERO, Duration.ZERO, Map.of(), Map.of(), 1);
    }

    @Test
    void rulesReadingASeriesRecordedInTheSameGroupAreEvaluatedInOrder() {
        RuleGroup dependent = new RuleGroup("f.yml", "g", Duration.ofSeconds(15), 0, Map.of(), List.of(
                new RecordingRule("job:errors:rate5m", "sum by (job) (rate(errors[5m]))", Map.of(), 1),
                alert("Errors", "job:errors:rate5m > 1")));
        RuleGroup independent = new RuleGroup("f.yml", "h", Duration.ofSeconds(15), 0, Map.of(), List.of(
                new RecordingRule("job:errors:rate5m", "sum by (job) (rate(errors[5m]))", Map.of(), 1),
                alert("Errors", "job:errors:rate5m_total > 1"), alert("Down", "up == 0")));
        assertThat(GroupState.independent(dependent)).isFalse();
        assertThat(GroupState.independent(independent)).isTrue();
    }

    @Test
    void aNameIsFoundOnlyAsAWholeMetricName() {
        assertThat(GroupState.mentions("rate(x[5m]) / x", "x")).isTrue();
        assertThat(GroupState.mentions("sum(x_total)", "x")).isFalse();
        assertThat(GroupState.mentions("job:x", "x")).isFalse();
        assertThat(GroupState.mentions("x{a=\"b\"}", "x")).isTrue();
    }

    @Test
    void restoredAlertsGoToTheRuleOfTheirNameAndARedefinitionKeepsThem() {
        RuleGroup g = new RuleGroup("f.yml", "g", Duration.ofSeconds(15), 0, Map.of(), List.of(
                alert("Down", "up == 0"), alert("Errors", "errors > 0")));
        Alert down = Alert.pending(Map.of("alertname", "Down", "instance", "a"), Map.of(), java.time.Instant.EPOCH, 0, "");
        Alert orphan = Alert.pending(Map.of("alertname", "Gone"), Map.of(), java.time.Instant.EPOCH, 0, "");
        GroupState state = new GroupState(g, null, Map.of(down.fingerprint(), down, orphan.fingerprint(), orphan));
        assertThat(state.alertsByRule.get(0)).containsOnlyKeys(down.fingerprint());
        assertThat(state.alertsByRule.get(1)).isEmpty();
        assertThat(state.stored).hasSize(2);

        state.redefine(new RuleGroup("f.yml", "g", Duration.ofSeconds(30), 0, Map.of(), List.of(
                alert("Errors", "errors > 1"), alert("Down", "up == 0"))));
        assertThat(state.alertsByRule.get(1)).containsOnlyKeys(down.fingerprint());
        assertThat(state.alertsByRule.get(0)).isEmpty();
    }

    @Test
    void alertsOfARuleThatIsGoneResolveIfTheyWereFiringAndGoAfterTheRetention() {
        RuleGroup g = new RuleGroup("f.yml", "g", Duration.ofSeconds(15), 0, Map.of(), List.of(alert("Down", "up == 0")));
        java.time.Instant t = java.time.Instant.parse("2026-01-01T00:00:00Z");
        Alert firing = Alert.restored(Map.of("alertname", "Removed", "x", "1"), Map.of(), AlertState.FIRING, t, t, null,
                t.plusSeconds(240), 1);
        Alert pending = Alert.restored(Map.of("alertname", "Removed", "x", "2"), Map.of(), AlertState.PENDING, t, null,
                null, null, 1);
        GroupState state = new GroupState(g, null, Map.of(firing.fingerprint(), firing, pending.fingerprint(), pending));
        state.settleOrphans(t.plusSeconds(15));
        assertThat(state.allAlerts()).containsOnlyKeys(firing.fingerprint());
        Alert resolved = state.allAlerts().get(firing.fingerprint());
        assertThat(resolved.state()).isEqualTo(AlertState.RESOLVED);
        assertThat(resolved.resolvedAt()).isEqualTo(t.plusSeconds(15));
        state.settleOrphans(t.plusSeconds(15).plus(Duration.ofMinutes(15)));
        assertThat(state.allAlerts()).hasSize(1);
        state.settleOrphans(t.plusSeconds(30).plus(Duration.ofMinutes(15)));
        assertThat(state.allAlerts()).isEmpty();
    }
}

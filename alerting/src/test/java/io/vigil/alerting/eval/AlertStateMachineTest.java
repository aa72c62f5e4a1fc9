package io.vigil.alerting.eval;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.alerting.rules.AlertingRule;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertStateMachineTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Duration STEP = Duration.ofSeconds(15);
    /** A stand-in for the template language: "$value" and "$job" are replaced. */
    private static final LabelExpander EXPANDER = (name, text, labels, value) ->
            text.replace("$value", String.valueOf(value)).replace("$job", labels.getOrDefault("job", ""));

    private Map<String, Alert> alerts = Map.of();
    private String error;

    private static AlertingRule rule(Duration forDuration, Duration keepFiringFor) {
        return new AlertingRule("HighLoad", "load > 1", forDuration, keepFiringFor,
                Map.of("severity", "page"), Map.of("summary", "load is $value"), 1);
    }

    private static AlertStateMachine machine(AlertingRule rule, int limit) {
        return new AlertStateMachine(rule, new AlertStateMachine.Context(Map.of("team", "infra"),
                Map.of("cluster", "eu"), limit, STEP, "http://vigil"), EXPANDER);
    }

    private static QuerySample sample(String instance, double value) {
        return new QuerySample(Map.of("__name__", "load", "instance", instance, "job", "node"), value);
    }

    private Alert eval(AlertStateMachine m, int step, QuerySample... result) {
        AlertStateMachine.Outcome o = m.evaluate(T0.plus(STEP.multipliedBy(step)), List.of(result), alerts);
        alerts = o.alerts();
        error = o.error();
        return alerts.values().stream().findFirst().orElse(null);
    }

    @Test
    void labelsAreResultLabelsWithoutNameThenGroupThenRuleThenAlertnameAndExternalLabelsFillIn() {
        AlertingRule r = new AlertingRule("HighLoad", "x", Duration.ZERO, Duration.ZERO,
                Map.of("severity", "page", "team", "rule-wins", "job", "$job-relabelled", "instance", ""),
                Map.of("summary", "load is $value"), 1);
        Alert a = eval(machine(r, 0), 0, new QuerySample(Map.of("__name__", "load", "instance", "a", "job", "node",
                "alertname", "overwritten", "cluster", "own"), 2.5));
        assertThat(a.labels()).containsExactlyInAnyOrderEntriesOf(Map.of("alertname", "HighLoad", "job",
                "node-relabelled", "severity", "page", "team", "rule-wins", "cluster", "own"));
        assertThat(a.annotations()).containsEntry("summary", "load is 2.5");
        assertThat(a.value()).isEqualTo(2.5);
    }

    @Test
    void newAlertIsPendingThenFiresWhenForHasPassedExactly() {
        AlertStateMachine m = machine(rule(Duration.ofSeconds(30), Duration.ZERO), 0);
        Alert a = eval(m, 0, sample("a", 2));
        assertThat(a.state()).isEqualTo(AlertState.PENDING);
        assertThat(a.activeAt()).isEqualTo(T0);
        assertThat(a.validUntil()).isNull();
        a = eval(m, 1, sample("a", 3));
        assertThat(a.state()).isEqualTo(AlertState.PENDING);
        assertThat(a.value()).isEqualTo(3);
        assertThat(a.annotations()).containsEntry("summary", "load is 3.0");
        a = eval(m, 2, sample("a", 4));
        assertThat(a.state()).isEqualTo(AlertState.FIRING);
        assertThat(a.activeAt()).isEqualTo(T0);
        assertThat(a.firedAt()).isEqualTo(T0.plusSeconds(30));
        assertThat(a.validUntil()).isEqualTo(T0.plusSeconds(30).plus(Duration.ofMinutes(4)));
        a = eval(m, 3, sample("a", 4));
        assertThat(a.firedAt()).isEqualTo(T0.plusSeconds(30));
        assertThat(a.validUntil()).isEqualTo(T0.plusSeconds(45).plus(Duration.ofMinutes(4)));
    }

    @Test
    void forZeroFiresAtOnce() {
        Alert a = eval(machine(rule(Duration.ZERO, Duration.ZERO), 0), 0, sample("a", 2));
        assertThat(a.state()).isEqualTo(AlertState.FIRING);
        assertThat(a.firedAt()).isEqualTo(T0);
        assertThat(a.activeAt()).isEqualTo(T0);
    }

    @Test
    void validityIsFourIntervalsWhenTheIntervalIsLongerThanAMinute() {
        AlertStateMachine m = new AlertStateMachine(rule(Duration.ZERO, Duration.ZERO),
                new AlertStateMachine.Context(Map.of(), Map.of(), 0, Duration.ofMinutes(5), "http://vigil"), EXPANDER);
        alerts = m.evaluate(T0, List.of(sample("a", 1)), Map.of()).alerts();
        assertThat(alerts.values().iterator().next().validUntil()).isEqualTo(T0.plus(Duration.ofMinutes(20)));
    }

    @Test
    void pendingAlertMissingFromTheResultIsDropped() {
        AlertStateMachine m = machine(rule(Duration.ofMinutes(5), Duration.ZERO), 0);
        eval(m, 0, sample("a", 2));
        assertThat(eval(m, 1)).isNull();
        assertThat(alerts).isEmpty();
    }

    @Test
    void firingAlertMissingResolvesAndIsKeptFifteenMinutesThenForgotten() {
        AlertStateMachine m = machine(rule(Duration.ZERO, Duration.ZERO), 0);
        eval(m, 0, sample("a", 2));
        Alert a = eval(m, 1);
        assertThat(a.state()).isEqualTo(AlertState.RESOLVED);
        assertThat(a.resolvedAt()).isEqualTo(T0.plus(STEP));
        assertThat(a.firedAt()).isEqualTo(T0);
        // 15 minutes after resolving it is still there (retention is "more than 15 minutes")...
        assertThat(eval(m, 1 + 60)).isEqualTo(a);
        // ...and gone one evaluation later.
        assertThat(eval(m, 2 + 60)).isNull();
    }

    @Test
    void resolvedAlertThatComesBackStartsAgainAsPending() {
        AlertStateMachine m = machine(rule(Duration.ofSeconds(15), Duration.ZERO), 0);
        eval(m, 0, sample("a", 2));
        eval(m, 1, sample("a", 2));
        assertThat(eval(m, 2).state()).isEqualTo(AlertState.RESOLVED);
        Alert again = eval(m, 3, sample("a", 2));
        assertThat(again.state()).isEqualTo(AlertState.PENDING);
        assertThat(again.activeAt()).isEqualTo(T0.plus(STEP.multipliedBy(3)));
        assertThat(again.resolvedAt()).isNull();
        assertThat(again.firedAt()).isNull();
    }

    @Test
    void keepFiringForHoldsAFiringAlertUntilItHasElapsedSinceTheFirstMiss() {
        AlertStateMachine m = machine(rule(Duration.ZERO, Duration.ofSeconds(30)), 0);
        eval(m, 0, sample("a", 2));
        Alert a = eval(m, 1);
        assertThat(a.state()).isEqualTo(AlertState.FIRING);
        assertThat(a.keepFiringSince()).isEqualTo(T0.plus(STEP));
        a = eval(m, 2);
        assertThat(a.state()).isEqualTo(AlertState.FIRING);
        assertThat(a.keepFiringSince()).isEqualTo(T0.plus(STEP));
        a = eval(m, 3); // 30 s since the first miss: no longer kept
        assertThat(a.state()).isEqualTo(AlertState.RESOLVED);
        assertThat(a.resolvedAt()).isEqualTo(T0.plus(STEP.multipliedBy(3)));
    }

    @Test
    void keepFiringSinceIsClearedWhenTheAlertIsFoundAgain() {
        AlertStateMachine m = machine(rule(Duration.ZERO, Duration.ofSeconds(30)), 0);
        eval(m, 0, sample("a", 2));
        eval(m, 1);
        Alert a = eval(m, 2, sample("a", 2));
        assertThat(a.state()).isEqualTo(AlertState.FIRING);
        assertThat(a.keepFiringSince()).isNull();
        assertThat(a.firedAt()).isEqualTo(T0);
        assertThat(eval(m, 3).keepFiringSince()).isEqualTo(T0.plus(STEP.multipliedBy(3)));
    }

    @Test
    void keepFiringForDoesNotKeepPendingAlerts() {
        AlertStateMachine m = machine(rule(Duration.ofMinutes(1), Duration.ofMinutes(5)), 0);
        eval(m, 0, sample("a", 2));
        assertThat(eval(m, 1)).isNull();
    }

    @Test
    void duplicateLabelSetsFailTheEvaluationAndKeepThePreviousAlerts() {
        AlertStateMachine m = machine(rule(Duration.ofMinutes(1), Duration.ZERO), 0);
        Alert before = eval(m, 0, sample("a", 2));
        // Differ only by __name__, which alert labels drop.
        Alert after = eval(m, 1, sample("a", 2), new QuerySample(Map.of("__name__", "other", "instance", "a",
                "job", "node"), 3));
        assertThat(error).isEqualTo("vector contains metrics with the same labelset after applying alert labels");
        assertThat(after).isEqualTo(before);
    }

    @Test
    void moreAlertsThanTheLimitFailTheRuleResolveFiringAndDropPending() {
        AlertStateMachine m = machine(rule(Duration.ofSeconds(15), Duration.ZERO), 2);
        eval(m, 0, sample("a", 1), sample("b", 1));
        eval(m, 1, sample("a", 1), sample("b", 1));
        assertThat(error).isNull();
        assertThat(alerts.values()).allMatch(a -> a.state() == AlertState.FIRING);
        eval(m, 2, sample("a", 1), sample("b", 1), sample("c", 1));
        assertThat(error).isEqualTo("exceeded limit of 2 with 3 alerts");
        assertThat(alerts).hasSize(2);
        assertThat(alerts.values()).allMatch(a -> a.state() == AlertState.RESOLVED
                && a.resolvedAt().equals(T0.plus(STEP.multipliedBy(2))));
        eval(m, 3, sample("a", 1));
        assertThat(error).isNull();
        assertThat(alerts.values()).filteredOn(a -> a.state() == AlertState.PENDING).hasSize(1);
    }

    @Test
    void alertsThatWouldFireForTheFirstTimeOverTheLimitAreDroppedNotResolved() {
        eval(machine(rule(Duration.ZERO, Duration.ZERO), 1), 0, sample("a", 1), sample("b", 1));
        assertThat(error).isEqualTo("exceeded limit of 1 with 2 alerts");
        assertThat(alerts).isEmpty();
    }

    @Test
    void limitEqualToTheAlertCountIsAllowed() {
        eval(machine(rule(Duration.ZERO, Duration.ZERO), 2), 0, sample("a", 1), sample("b", 1));
        assertThat(error).isNull();
        assertThat(alerts).hasSize(2);
    }

    @Test
    void scalarResultGivesOneAlertWithOnlyRuleLabels() {
        Alert a = eval(machine(rule(Duration.ZERO, Duration.ZERO), 0), 0, new QuerySample(Map.of(), 7));
        assertThat(a.labels()).containsOnlyKeys("alertname", "severity", "team", "cluster");
    }
}

package io.vigil.alerting.manager.dispatch;

import static io.vigil.alerting.manager.dispatch.MutingTest.NOW;
import static io.vigil.alerting.manager.dispatch.MutingTest.firing;
import static io.vigil.alerting.manager.dispatch.MutingTest.resolved;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.alerting.manager.nflog.LogEntry;
import io.vigil.alerting.manager.routing.RoutingConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What a flush sends, given the notification log: Alertmanager's dedup rules. */
class FlushDecisionTest {
    private static final ManagedAlert A = firing("alertname", "Disk", "instance", "a");
    private static final ManagedAlert B = firing("alertname", "Disk", "instance", "b");
    private static final ManagedAlert A_RESOLVED = resolved("alertname", "Disk", "instance", "a");

    private static AlertGroup group(ManagedAlert... alerts) {
        return Grouping.of(RoutingConfig.defaults().root(), List.of(alerts)).get(0);
    }

    private static Optional<FlushDecision> decide(AlertGroup g, LogEntry last) {
        return FlushDecision.decide(g, Map.of(), last, NOW);
    }

    @Test
    void newGroupSendsItsFiringAlerts() {
        assertThat(decide(group(A, B), null).orElseThrow().firingFingerprints()).containsExactlyInAnyOrder(A.fingerprint(), B.fingerprint());
    }

    @Test
    void unchangedGroupWaitsForRepeatInterval() {
        LogEntry sent = new LogEntry(Set.of(A.fingerprint()), Set.of(), NOW.minus(Duration.ofHours(3)), 1);
        assertThat(decide(group(A), sent)).isEmpty();
        LogEntry older = new LogEntry(Set.of(A.fingerprint()), Set.of(), NOW.minus(Duration.ofHours(4)), 1);
        assertThat(decide(group(A), older)).isPresent();
    }

    @Test
    void newFiringAlertSendsAtOnce() {
        LogEntry sent = new LogEntry(Set.of(A.fingerprint()), Set.of(), NOW.minusSeconds(1), 1);
        assertThat(decide(group(A, B), sent)).isPresent();
    }

    @Test
    void resolvedIsSentOnceAndOnlyIfItWasSentFiring() {
        assertThat(decide(group(A_RESOLVED), null)).isEmpty();
        LogEntry sentFiring = new LogEntry(Set.of(A.fingerprint()), Set.of(), NOW.minusSeconds(1), 1);
        FlushDecision d = decide(group(A_RESOLVED), sentFiring).orElseThrow();
        assertThat(d.firing()).isEmpty();
        assertThat(d.resolvedFingerprints()).containsExactly(A.fingerprint());
        LogEntry sentResolved = new LogEntry(Set.of(), Set.of(A.fingerprint()), NOW.minusSeconds(1), 2);
        assertThat(decide(group(A_RESOLVED), sentResolved)).isEmpty();
    }

    @Test
    void mutedAlertsAreLeftOutAndAllMutedSendsNothing() {
        Map<String, MuteStatus> muteA = Map.of(A.fingerprint(), new MuteStatus(List.of("s1"), List.of()));
        assertThat(FlushDecision.decide(group(A), muteA, null, NOW)).isEmpty();
        assertThat(FlushDecision.decide(group(A, B), muteA, null, NOW).orElseThrow().firingFingerprints()).containsExactly(B.fingerprint());
    }
}

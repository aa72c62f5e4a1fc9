package io.vigil.alerting.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vigil.alerting.ha.Leases;
import io.vigil.testkit.VigilInfraResource;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Alerts survive in the database across owners, and only the lease holder can write them. */
@QuarkusTest
@WithTestResource(value = VigilInfraResource.class, initArgs = @ResourceArg(name = "redis", value = "false"))
class AlertStoreIT {
    private static final Instant T = Instant.parse("2026-03-01T10:00:00Z");

    @Inject
    AlertStore store;
    @Inject
    Leases leases;
    @Inject
    AgroalDataSource dataSource;
    @Inject
    ChangeRecorder recorder;

    private static Alert alert(String instance, AlertState state) {
        Alert a = Alert.pending(Map.of("alertname", "Down", "instance", instance), Map.of("summary", "down"),
                T, 1.0, "http://vigil/graph");
        return state == AlertState.PENDING ? a
                : a.with(state, T.plusSeconds(60), state == AlertState.RESOLVED ? T.plusSeconds(120) : null, null,
                        T.plusSeconds(300), T.plusSeconds(60));
    }

    private static Map<String, Alert> byFingerprint(Alert... alerts) {
        return List.of(alerts).stream().collect(Collectors.toMap(Alert::fingerprint, Function.identity()));
    }

    @Test
    void storedAlertsAreRestoredExactlyAndRemovedOnesDeleted() throws Exception {
        String group = "store.yml;persist";
        Leases.Lease lease = leases.tryAcquire("group:" + group).orElseThrow();
        Map<String, Alert> first = byFingerprint(alert("a", AlertState.FIRING), alert("b", AlertState.PENDING));
        GroupHealth health = new GroupHealth(group, T, 0.25, List.of(RuleHealth.ok("Down", 0.2, T)));
        store.commit(lease, AlertStore.source(group), Map.of(), first, health);

        assertThat(store.load(AlertStore.source(group))).isEqualTo(first);
        assertThat(queryString("SELECT rules->0->>'health' FROM rule_group_health WHERE group_key = ?", group))
                .isEqualTo("ok");

        Map<String, Alert> second = byFingerprint(alert("a", AlertState.RESOLVED));
        store.commit(lease, AlertStore.source(group), first, second, null);
        Map<String, Alert> restored = store.load(AlertStore.source(group));
        assertThat(restored).isEqualTo(second);
        assertThat(restored.values().iterator().next().firedAt()).isEqualTo(T.plusSeconds(60));
    }

    @Test
    void unchangedAlertsAreNotRewrittenAndDoNotSignalTheDispatcher() throws Exception {
        String group = "store.yml;quiet";
        String source = AlertStore.source(group);
        Leases.Lease lease = leases.tryAcquire("group:" + group).orElseThrow();
        Map<String, Alert> alerts = byFingerprint(alert("a", AlertState.FIRING));
        store.commit(lease, source, Map.of(), alerts, null);
        awaitSignal(source, 1);
        Instant updated = Instant.parse(queryString("SELECT to_char(updated_at AT TIME ZONE 'UTC', "
                + "'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"') FROM alerts WHERE source = ?", source));

        Thread.sleep(20); // so that a rewrite would show as a later updated_at
        store.commit(lease, source, alerts, alerts, null);
        Instant after = Instant.parse(queryString("SELECT to_char(updated_at AT TIME ZONE 'UTC', "
                + "'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"') FROM alerts WHERE source = ?", source));
        assertThat(after).isEqualTo(updated);
        store.commit(lease, source, alerts, Map.of(), null);
        awaitSignal(source, 2);
        assertThat(recorder.count(source)).isEqualTo(2);
    }

    @Test
    void aStaleLeaseTokenCannotWrite() throws Exception {
        String group = "store.yml;fenced";
        String source = AlertStore.source(group);
        Leases.Lease old = leases.tryAcquire("group:" + group).orElseThrow();
        execute("UPDATE alerting_leases SET expires_at = now() WHERE name = ?", "group:" + group);
        Leases.Lease current = leases.tryAcquire("group:" + group).orElseThrow();
        assertThat(current.token()).isGreaterThan(old.token());

        assertThatThrownBy(() -> store.commit(old, source, Map.of(), byFingerprint(alert("a", AlertState.FIRING)),
                null)).isInstanceOf(Leases.LeaseLostException.class);
        assertThat(store.load(source)).isEmpty();
        store.commit(current, source, Map.of(), byFingerprint(alert("b", AlertState.PENDING)), null);
        assertThat(store.load(source)).hasSize(1);
    }

    private void awaitSignal(String source, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (recorder.count(source) < count && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(recorder.count(source)).isEqualTo(count);
    }

    private String queryString(String sql, String arg) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, arg);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private void execute(String sql, String arg) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, arg);
            ps.executeUpdate();
        }
    }
}

package io.vigil.alerting.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vigil.alerting.ha.Leases;
import io.vigil.alerting.rules.AlertingRule;
import io.vigil.alerting.rules.RecordingRule;
import io.vigil.alerting.rules.RuleGroup;
import io.vigil.testkit.VigilInfraResource;
import jakarta.inject.Inject;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A group's iterations end to end on this side of the HTTP boundary: alerts advanced and stored under the
 * lease, restored by a new owner without losing the for clock, series pushed once per iteration, a lost
 * lease stopping the writes. The query tier and gateway are HTTP servers answering in their format
 * (whole-system runs against the real ones are in dev/systest).
 */
@QuarkusTest
@WithTestResource(value = VigilInfraResource.class, initArgs = @ResourceArg(name = "redis", value = "false"))
class GroupEvaluatorIT {
    private static final Instant T0 = Instant.parse("2026-06-01T00:00:00Z");
    private static final Duration I = Duration.ofSeconds(15);

    @Inject
    AlertStore store;
    @Inject
    Leases leases;
    @Inject
    EvalConfig config;
    @Inject
    EvalMetrics metrics;
    @Inject
    AgroalDataSource dataSource;
    @Inject
    io.quarkus.scheduler.Scheduler quarkusScheduler;

    private HttpServer server;
    private volatile String downAnswer;
    private final List<String> pushes = new CopyOnWriteArrayList<>();
    private GroupEvaluator evaluator;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v1/query", exchange -> {
            String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String answer = form.startsWith("query=up") ? downAnswer
                    : "{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[0,\"3\"]}}";
            byte[] body = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.createContext("/api/v1/push", exchange -> {
            pushes.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] body = "{\"status\":\"success\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        evaluator = new GroupEvaluator(new QueryClient(base, Optional.empty()),
                new SeriesWriter(base, Optional.empty(), new SimpleMeterRegistry()), store, config, metrics);
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private static String down(String... instances) {
        StringBuilder result = new StringBuilder();
        for (String i : instances) {
            result.append(result.isEmpty() ? "" : ",").append("{\"metric\":{\"__name__\":\"up\",\"instance\":\"")
                    .append(i).append("\"},\"value\":[0,\"0\"]}");
        }
        return "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[" + result + "]}}";
    }

    @Test
    void alertsSurviveAChangeOfOwnerAndFireOnTimeWithoutRestarting() throws Exception {
        RuleGroup group = new RuleGroup("it.yml", "restart", I, 0, Map.of("team", "db"), List.of(
                new RecordingRule("three", "vector(3)", Map.of(), 1),
                new AlertingRule("InstanceDown", "up == 0", Duration.ofSeconds(30), Duration.ZERO,
                        Map.of("severity", "page"), Map.of(), 2)));
        Leases.Lease lease = leases.tryAcquire("group:" + group.key()).orElseThrow();
        GroupState first = new GroupState(group, lease, store.load(AlertStore.source(group.key())));
        downAnswer = down("a");
        GroupHealth health = evaluator.iterate(first, T0);
        assertThat(health.rules()).extracting(RuleHealth::health).containsExactly("ok", "ok");
        evaluator.iterate(first, T0.plus(I));
        assertThat(pushes).hasSize(2);
        assertThat(pushes.get(1)).contains("\"metric_name\":\"three\"").contains("\"metric_name\":\"ALERTS\"")
                .contains("\"alertstate\":\"pending\"").contains("\"timestamp\":1780272015.000");

        // A new owner (after a restart or fail-over) starts from the store: still pending since T0.
        GroupState second = new GroupState(group, lease, store.load(AlertStore.source(group.key())));
        Alert restored = second.alertsByRule.get(1).values().iterator().next();
        assertThat(restored.state()).isEqualTo(AlertState.PENDING);
        assertThat(restored.activeAt()).isEqualTo(T0);
        assertThat(restored.labels()).containsEntry("team", "db").containsEntry("severity", "page")
                .containsEntry("instance", "a").doesNotContainKey("__name__");
        evaluator.iterate(second, T0.plus(I.multipliedBy(2)));
        Alert firing = store.load(AlertStore.source(group.key())).values().iterator().next();
        assertThat(firing.state()).isEqualTo(AlertState.FIRING);
        assertThat(firing.firedAt()).isEqualTo(T0.plusSeconds(30));

        // And a firing alert stays firing across a second change of owner, then resolves when it clears.
        GroupState third = new GroupState(group, lease, store.load(AlertStore.source(group.key())));
        downAnswer = down();
        evaluator.iterate(third, T0.plus(I.multipliedBy(3)));
        Alert resolved = store.load(AlertStore.source(group.key())).values().iterator().next();
        assertThat(resolved.state()).isEqualTo(AlertState.RESOLVED);
        assertThat(resolved.firedAt()).isEqualTo(T0.plusSeconds(30));
        assertThat(resolved.resolvedAt()).isEqualTo(T0.plusSeconds(45));
    }

    @Test
    void aGroupRemovedFromTheRulesResolvesItsFiringAlertsAndGivesUpItsLease() throws Exception {
        RuleGroup group = new RuleGroup("it.yml", "removed", I, 0, Map.of(), List.of(
                new AlertingRule("InstanceDown", "up == 0", Duration.ZERO, Duration.ZERO, Map.of(), Map.of(), 2)));
        Leases.Lease lease = leases.tryAcquire("group:" + group.key()).orElseThrow();
        downAnswer = down("a");
        evaluator.iterate(new GroupState(group, lease, Map.of()), T0);
        assertThat(store.load(AlertStore.source(group.key())).values()).singleElement()
                .satisfies(a -> assertThat(a.state()).isEqualTo(AlertState.FIRING));

        GroupScheduler scheduler = new GroupScheduler(quarkusScheduler, evaluator, store, leases, metrics);
        scheduler.start(group, lease);
        assertThat(scheduler.owned()).containsExactly(group.key());
        scheduler.retire(group.key());

        assertThat(scheduler.owned()).isEmpty();
        Alert resolved = store.load(AlertStore.source(group.key())).values().iterator().next();
        assertThat(resolved.state()).isEqualTo(AlertState.RESOLVED);
        assertThat(resolved.firedAt()).isEqualTo(T0);
        assertThat(resolved.resolvedAt()).isAfter(T0);
        Leases other = io.vigil.alerting.ha.TestReplicas.leases(dataSource, "other-replica", Duration.ofSeconds(10));
        assertThat(other.tryAcquire("group:" + group.key())).isPresent();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT count(*) FROM rule_group_health WHERE group_key = ?")) {
            ps.setString(1, group.key());
            try (var rs = ps.executeQuery()) {
                rs.next();
                assertThat(rs.getInt(1)).isZero();
            }
        }
    }

    @Test
    void aFailedQueryIsTheRulesHealthAndALostLeaseWritesNothing() throws Exception {
        RuleGroup group = new RuleGroup("it.yml", "fenced", I, 1, Map.of(), List.of(
                new AlertingRule("InstanceDown", "up == 0", Duration.ZERO, Duration.ZERO, Map.of(), Map.of(), 2)));
        Leases.Lease lease = leases.tryAcquire("group:" + group.key()).orElseThrow();
        GroupState state = new GroupState(group, lease, Map.of());
        downAnswer = down("a", "b");
        GroupHealth over = evaluator.iterate(state, T0);
        assertThat(over.rules().get(0).lastError()).isEqualTo("exceeded limit of 1 with 2 alerts");
        assertThat(store.load(AlertStore.source(group.key()))).isEmpty();
        downAnswer = "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"parse error\"}";
        assertThat(evaluator.iterate(state, T0.plus(I)).rules().get(0).lastError()).isEqualTo("parse error");

        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE alerting_leases SET expires_at = now() WHERE name = ?")) {
            ps.setString(1, "group:" + group.key());
            ps.executeUpdate();
        }
        downAnswer = down("a");
        assertThatThrownBy(() -> evaluator.iterate(state, T0.plus(I.multipliedBy(2))))
                .isInstanceOf(Leases.LeaseLostException.class);
        assertThat(store.load(AlertStore.source(group.key()))).isEmpty();
    }
}

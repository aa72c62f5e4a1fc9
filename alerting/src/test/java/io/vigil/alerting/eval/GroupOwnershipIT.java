package io.vigil.alerting.eval;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vigil.alerting.ha.Leases;
import io.vigil.alerting.ha.TestReplicas;
import io.vigil.alerting.rules.AlertingRule;
import io.vigil.alerting.rules.RuleGroup;
import io.vigil.alerting.rules.RuleSet;
import io.vigil.testkit.VigilInfraResource;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * Two replicas (own names, own leases, one database) share the rule groups by rendezvous hashing; when
 * one stops without a word (as a crashed pod), the other takes all its groups once their leases expire.
 */
@QuarkusTest
@WithTestResource(value = VigilInfraResource.class, initArgs = @ResourceArg(name = "redis", value = "false"))
class GroupOwnershipIT {
    private static final Duration TTL = Duration.ofSeconds(3);

    @Inject
    AgroalDataSource dataSource;
    @Inject
    Scheduler scheduler;
    @Inject
    EvalConfig config;
    @Inject
    AlertStore store;
    @Inject
    EvalMetrics metrics;

    /**
     * An evaluator whose query tier and gateway are a closed port: queries fail (counted), nothing is
     * written anywhere, whatever runs on this machine's default ports.
     */
    private GroupEvaluator evaluator() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        java.net.URI closed = java.net.URI.create("http://127.0.0.1:" + port);
        return new GroupEvaluator(new QueryClient(closed, java.util.Optional.empty()),
                new SeriesWriter(closed, java.util.Optional.empty(), new io.micrometer.core.instrument.simple.SimpleMeterRegistry()),
                store, config, metrics);
    }

    private GroupOwnership replica(String id, RuleSet rules) throws Exception {
        GroupEvaluator evaluator = evaluator();
        Leases leases = TestReplicas.leases(dataSource, id, TTL);
        return new GroupOwnership(leases, () -> rules,
                new GroupScheduler(scheduler, evaluator, store, leases, metrics), store, scheduler, null);
    }

    @Test
    void replicasShareTheGroupsAndTheSurvivorTakesAllWhenOneDies() throws Exception {
        List<RuleGroup> groups = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < 12; i++) {
            RuleGroup g = new RuleGroup("ha.yml", "group-" + i, Duration.ofSeconds(1), 0, Map.of(), List.of(
                    new AlertingRule("Down", "up == 0", Duration.ZERO, Duration.ZERO, Map.of(), Map.of(), 1)));
            groups.add(g);
            keys.add(g.key());
        }
        RuleSet rules = new RuleSet(groups, Instant.now());
        Thread.sleep(TTL.toMillis()); // replicas of other tests in this database are no longer live
        GroupOwnership a = replica("ownership-a", rules);
        GroupOwnership b = replica("ownership-b", rules);
        a.start();
        b.start();
        try {
            List<String> live = List.of("ownership-a", "ownership-b");
            awaitTrue(Duration.ofSeconds(25), () -> {
                Set<String> ownedByA = a.groups().owned();
                Set<String> ownedByB = b.groups().owned();
                return ownedByA.size() + ownedByB.size() == keys.size()
                        && ownedByA.stream().allMatch(k -> GroupOwnership.preferred(k, live).equals("ownership-a"))
                        && ownedByB.stream().allMatch(k -> GroupOwnership.preferred(k, live).equals("ownership-b"));
            });
            assertThat(a.groups().owned()).isNotEmpty().doesNotContainAnyElementsOf(b.groups().owned());
            assertThat(b.groups().owned()).isNotEmpty();

            // Each group is being evaluated by its owner: its health row appears.
            awaitTrue(Duration.ofSeconds(10), () -> countHealthRows("ha.yml;%") == keys.size());

            List<String> expected = List.of("vigil_rule_group_iterations_total{rule_group=\"ha.yml;group-0\"}",
                    "vigil_rule_evaluation_failures_total{rule_group=\"ha.yml;group-0\"}",
                    "vigil_rule_group_last_duration_seconds{rule_group=\"ha.yml;group-0\"}",
                    "vigil_rule_group_last_evaluation_timestamp_seconds{rule_group=\"ha.yml;group-0\"}",
                    "vigil_rule_group_evaluation_lag_seconds{rule_group=\"ha.yml;group-0\"}",
                    "vigil_rule_group_evaluation_lag_distribution_seconds_bucket", "vigil_rule_groups_owned");
            // The metrics follow the stored health by a moment (they are counted when the iteration ends).
            awaitTrue(Duration.ofSeconds(10), () -> expected.stream().allMatch(scrape()::contains));
            String metrics = scrape();

            metrics.lines().filter(l -> l.startsWith("vigil_rule_group_evaluation_lag_distribution_seconds{quantile")
                    || l.startsWith("vigil_rule_group_iterations_missed_total")).limit(6)
                    .forEach(l -> System.out.println("GroupOwnershipIT: " + l));

            long stopped = System.nanoTime();
            a.stop(); // no release: its leases have to expire
            awaitTrue(Duration.ofSeconds(20), () -> b.groups().owned().equals(keys));
            Duration handOver = Duration.ofNanos(System.nanoTime() - stopped);
            System.out.printf("GroupOwnershipIT: all %d groups on the survivor %d ms after the other stopped"
                    + " (lease ttl %d ms)%n", keys.size(), handOver.toMillis(), TTL.toMillis());
            assertThat(handOver).isLessThan(TTL.plus(TTL));
        } finally {
            a.stop();
            b.stop();
        }
    }

    private static String scrape() {
        return io.restassured.RestAssured.given().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    private int countHealthRows(String pattern) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT count(*) FROM rule_group_health WHERE group_key LIKE ?")) {
            ps.setString(1, pattern);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void awaitTrue(Duration within, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not reached within " + within);
            }
            Thread.sleep(100);
        }
    }
}

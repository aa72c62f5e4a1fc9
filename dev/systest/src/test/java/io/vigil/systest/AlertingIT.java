package io.vigil.systest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.model.Notification;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Alerting through the real chain: a sample pushed to the ingest gateway goes through Kafka, the writer
 * and TimescaleDB, is read by the alerting service through the query tier's Prometheus API, becomes a
 * pending then firing alert, and a notification record on {@code vigil.notifications}. Every process is
 * separate; replicas are killed with SIGKILL. Groups are evaluated every 2 s, leases last 3 s.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AlertingIT {
    static final String RULES = """
            groups:
              - name: chain
                interval: 2s
                rules:
                  - alert: ChainHigh
                    expr: chain_temp{test="fire"} > 90
                    for: 3s
                    labels:
                      severity: critical
                    annotations:
                      summary: "{{ $labels.host }} runs at {{ $value }} degrees"
                  - record: chain:temp:max
                    expr: max by (test) (chain_temp)
                    labels:
                      recorded: "yes"
                  - alert: ChainSilenced
                    expr: chain_temp{test="silence"} > 90
                  - alert: ChainCritical
                    expr: chain_temp{test="inhibit"} > 90
                    labels:
                      severity: critical
                  - alert: ChainWarning
                    expr: chain_temp{test="inhibit"} > 50
                    labels:
                      severity: warning
              - name: slow-for
                interval: 2s
                rules:
                  - alert: ChainRestart
                    expr: chain_temp{test="restart"} > 90
                    for: 20s
              - name: ha
                interval: 2s
                rules:
                  - alert: ChainTwoReplicas
                    expr: chain_temp{test="two"} > 90
                  - alert: ChainFailover
                    expr: chain_temp{test="failover"} > 90
                    for: 8s
            """;
    static final String ROUTING = """
            route:
              receiver: systest
              group_by: [alertname, host]
              group_wait: 0s
              group_interval: 2s
              repeat_interval: 1h
            inhibit_rules:
              - source_matchers: ['severity="critical"']
                target_matchers: ['severity="warning"']
                equal: [host]
            receivers:
              - name: systest
            """;

    static VigilSystem system;
    static NotificationWatcher notifications;
    static Path rulesDir;
    static Path routing;
    static final List<VigilSystem.Service> replicas = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        system = SharedSystem.get();
        notifications = new NotificationWatcher(system);
        rulesDir = Files.createTempDirectory("vigil-systest-rules-");
        Files.writeString(rulesDir.resolve("chain.yml"), RULES);
        routing = Files.createTempFile("vigil-systest-routing-", ".yml");
        Files.writeString(routing, ROUTING);
        replicas.add(system.alerting("a", rulesDir, routing, Map.of()));
    }

    @AfterAll
    static void stop() {
        replicas.forEach(VigilSystem.Service::stop);
        notifications.close();
    }

    @Test
    @Order(1)
    void breachPagesOnceAndRecoveryResolves() throws Exception {
        VigilSystem.Service a = replicas.get(0);
        Instant pushed = Instant.now();
        push("fire", "h1", 95);
        JsonNode pending = awaitAlert(a, "ChainHigh", "pending", Duration.ofSeconds(20));
        assertThat(pending.get("labels").get("host").asText()).isEqualTo("h1");
        awaitAlert(a, "ChainHigh", "firing", Duration.ofSeconds(20));

        NotificationWatcher.Seen firing = notifications.await("ChainHigh", Notification::firing, Duration.ofSeconds(20));
        Notification n = firing.notification();
        assertThat(n.receiver()).isEqualTo("systest");
        assertThat(n.groupLabels()).isEqualTo(Map.of("alertname", "ChainHigh", "host", "h1"));
        assertThat(n.alerts()).hasSize(1);
        assertThat(n.alerts().get(0).labels()).containsEntry("severity", "critical").containsEntry("test", "fire")
                .doesNotContainKey("__name__");
        assertThat(n.alerts().get(0).annotations()).containsEntry("summary", "h1 runs at 95 degrees");
        System.out.printf("push -> firing notification: %d ms (interval 2 s, for 3 s)%n",
                Duration.between(pushed, firing.at()).toMillis());

        // ALERTS is written back like Prometheus does, and is queryable.
        JsonNode alertsSeries = instantQuery("ALERTS{alertname=\"ChainHigh\",alertstate=\"firing\"}", Duration.ofSeconds(20));
        assertThat(alertsSeries.get(0).get("metric").get("host").asText()).isEqualTo("h1");

        // So is the recording rule of the group, through the gateway, with its labels.
        JsonNode recorded = instantQuery("chain:temp:max{test=\"fire\"}", Duration.ofSeconds(20));
        assertThat(recorded.get(0).get("metric").get("recorded").asText()).isEqualTo("yes");
        assertThat(recorded.get(0).get("value").get(1).asText()).isEqualTo("95");

        notifications.drain(Duration.ofSeconds(5));
        assertThat(notifications.pages("ChainHigh")).as("an unchanged group is not sent again").hasSize(1);

        push("fire", "h1", 20);
        NotificationWatcher.Seen resolved = notifications.await("ChainHigh", nn -> !nn.firing(), Duration.ofSeconds(20));
        assertThat(resolved.notification().alerts().get(0).status()).isEqualTo("resolved");
        assertThat(resolved.notification().alerts().get(0).endsAt()).isNotNull();
        assertThat(resolved.notification().id()).isNotEqualTo(n.id());
        notifications.drain(Duration.ofSeconds(4));
        assertThat(notifications.pages("ChainHigh")).hasSize(2);
    }

    @Test
    @Order(2)
    void silencedAlertSendsNothing() throws Exception {
        VigilSystem.Service a = replicas.get(0);
        HttpResponse<String> created = VigilSystem.post(a.url("/api/v2/silences"), """
                {"matchers":[{"name":"alertname","value":"ChainSilenced","isRegex":false,"isEqual":true}],
                 "startsAt":"%s","endsAt":"%s","createdBy":"systest","comment":"maintenance window"}"""
                .formatted(Instant.now().minusSeconds(1), Instant.now().plusSeconds(3600)));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        String silenceId = VigilSystem.JSON.readTree(created.body()).get("silenceID").asText();

        push("silence", "h2", 99);
        awaitAlert(a, "ChainSilenced", "firing", Duration.ofSeconds(20));
        JsonNode am = amAlert(a, "ChainSilenced", Duration.ofSeconds(10));
        assertThat(am.get("status").get("state").asText()).isEqualTo("suppressed");
        assertThat(am.get("status").get("silencedBy").get(0).asText()).isEqualTo(silenceId);
        notifications.drain(Duration.ofSeconds(6));
        assertThat(notifications.about("ChainSilenced")).isEmpty();

        // It was the silence: expired, the same alert is paged.
        HttpResponse<String> expired = VigilSystem.delete(a.url("/api/v2/silence/" + silenceId));
        assertThat(expired.statusCode()).as(expired.body()).isEqualTo(200);
        notifications.await("ChainSilenced", Notification::firing, Duration.ofSeconds(15));
    }

    @Test
    @Order(3)
    void inhibitedAlertSendsNothing() throws Exception {
        VigilSystem.Service a = replicas.get(0);
        push("inhibit", "h3", 97);
        notifications.await("ChainCritical", Notification::firing, Duration.ofSeconds(20));
        awaitAlert(a, "ChainWarning", "firing", Duration.ofSeconds(10));
        JsonNode am = amAlert(a, "ChainWarning", Duration.ofSeconds(10));
        assertThat(am.get("status").get("inhibitedBy")).isNotEmpty();
        notifications.drain(Duration.ofSeconds(6));
        assertThat(notifications.about("ChainWarning")).isEmpty();

        // It was the inhibition: once the critical source resolves, the warning is paged.
        push("inhibit", "h3", 70);
        notifications.await("ChainCritical", nn -> !nn.firing(), Duration.ofSeconds(20));
        notifications.await("ChainWarning", Notification::firing, Duration.ofSeconds(20));
    }

    @Test
    @Order(4)
    void restartDuringForKeepsTheClockAndRestartWhileFiringDoesNotPageAgain() throws Exception {
        VigilSystem.Service a = replicas.get(0);
        push("restart", "h4", 93);
        JsonNode pending = awaitAlert(a, "ChainRestart", "pending", Duration.ofSeconds(20));
        Instant activeAt = Instant.parse(pending.get("activeAt").asText());
        Thread.sleep(4_000);
        a.kill();
        a.start();
        JsonNode stillPending = awaitAlert(a, "ChainRestart", null, Duration.ofSeconds(20));
        assertThat(Instant.parse(stillPending.get("activeAt").asText())).as("the for clock survives").isEqualTo(activeAt);

        NotificationWatcher.Seen firing = notifications.await("ChainRestart", Notification::firing, Duration.ofSeconds(40));
        Instant startsAt = firing.notification().alerts().get(0).startsAt();
        assertThat(Duration.between(activeAt, startsAt)).as("fired 20 s after it became pending, not after the restart")
                .isBetween(Duration.ofSeconds(20), Duration.ofSeconds(24));

        a.kill();
        a.start();
        awaitAlert(a, "ChainRestart", "firing", Duration.ofSeconds(20));
        notifications.drain(Duration.ofSeconds(6));
        assertThat(notifications.pages("ChainRestart")).as("no second page after a restart").hasSize(1);
    }

    @Test
    @Order(5)
    void twoReplicasSendOneNotification() throws Exception {
        replicas.add(system.alerting("b", rulesDir, routing, Map.of()));
        awaitReplicas(2);
        push("two", "h5", 91);
        notifications.await("ChainTwoReplicas", Notification::firing, Duration.ofSeconds(20));
        notifications.drain(Duration.ofSeconds(6));
        assertThat(notifications.pages("ChainTwoReplicas")).hasSize(1);
        // Either replica answers for every group.
        for (VigilSystem.Service r : replicas) {
            assertThat(awaitAlert(r, "ChainTwoReplicas", "firing", Duration.ofSeconds(5))).isNotNull();
        }
    }

    @Test
    @Order(6)
    void killedOwnerHandsOverMidGroupWithoutADuplicate() throws Exception {
        push("failover", "h6", 99);
        JsonNode pending = awaitAlert(replicas.get(0), "ChainFailover", "pending", Duration.ofSeconds(20));
        Instant activeAt = Instant.parse(pending.get("activeAt").asText());
        String owner = leaseOwner("group:chain.yml;ha");
        VigilSystem.Service killed = replicas.stream().filter(r -> r.name.equals("alerting-" + owner)).findFirst().orElseThrow();
        VigilSystem.Service survivor = replicas.stream().filter(r -> r != killed).findFirst().orElseThrow();
        Instant killedAt = Instant.now();
        killed.kill();

        NotificationWatcher.Seen firing = notifications.await("ChainFailover", Notification::firing, Duration.ofSeconds(30));
        assertThat(leaseOwner("group:chain.yml;ha")).isEqualTo(survivor.name.substring("alerting-".length()));
        assertThat(firing.notification().alerts().get(0).startsAt()).isBefore(activeAt.plusSeconds(8 + 8));
        System.out.printf("owner killed -> firing notification from the survivor: %d ms%n",
                Duration.between(killedAt, firing.at()).toMillis());
        JsonNode firingAlert = awaitAlert(survivor, "ChainFailover", "firing", Duration.ofSeconds(5));
        assertThat(Instant.parse(firingAlert.get("activeAt").asText())).isEqualTo(activeAt);
        notifications.drain(Duration.ofSeconds(6));
        assertThat(notifications.pages("ChainFailover")).hasSize(1);
        // The earlier alerts were not paged again by the survivor either.
        assertThat(notifications.pages("ChainRestart")).hasSize(1);
        assertThat(notifications.pages("ChainTwoReplicas")).hasSize(1);
    }

    // ---------------------------------------------------------------------------------------------

    private static void push(String test, String host, double value) throws Exception {
        double now = System.currentTimeMillis() / 1000.0;
        HttpResponse<String> r = VigilSystem.post(system.gateway.url("/api/v1/push"), """
                [{"metric_name":"chain_temp","labels":{"test":"%s","host":"%s"},"timestamp":%.3f,"value":%s}]"""
                .formatted(test, host, now, value));
        assertThat(r.statusCode()).as(r.body()).isBetween(200, 204);
    }

    /** The alert named {@code alertname} in /api/v1/alerts, in {@code state} (any state if null). */
    private static JsonNode awaitAlert(VigilSystem.Service replica, String alertname, String state, Duration timeout)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = VigilSystem.get(replica.url("/api/v1/alerts"));
            last = r.statusCode() + " " + r.body();
            if (r.statusCode() == 200) {
                for (JsonNode alert : VigilSystem.JSON.readTree(r.body()).get("data").get("alerts")) {
                    if (alertname.equals(alert.get("labels").get("alertname").asText())
                            && (state == null || state.equals(alert.get("state").asText()))) {
                        return alert;
                    }
                }
            }
            Thread.sleep(250);
        }
        throw new AssertionError(alertname + " not " + state + " within " + timeout + "; last answer: " + last);
    }

    /** The alert in Alertmanager's /api/v2/alerts. */
    private static JsonNode amAlert(VigilSystem.Service replica, String alertname, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = VigilSystem.get(replica.url("/api/v2/alerts?filter="
                    + URLEncoder.encode("alertname=\"" + alertname + "\"", StandardCharsets.UTF_8)));
            if (r.statusCode() == 200) {
                JsonNode list = VigilSystem.JSON.readTree(r.body());
                if (list.size() > 0) {
                    return list.get(0);
                }
            }
            Thread.sleep(250);
        }
        throw new AssertionError(alertname + " not in /api/v2/alerts within " + timeout);
    }

    private static JsonNode instantQuery(String promql, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            HttpResponse<String> r = VigilSystem.get(system.query.url("/api/v1/query?query="
                    + URLEncoder.encode(promql, StandardCharsets.UTF_8)));
            JsonNode result = VigilSystem.JSON.readTree(r.body()).path("data").path("result");
            if (result.size() > 0 || System.nanoTime() > deadline) {
                assertThat(result.size()).as(promql + ": " + r.body()).isPositive();
                return result;
            }
            Thread.sleep(500);
        }
    }

    private static void awaitReplicas(int n) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (system.sql("SELECT count(*) FROM alerting_replicas WHERE heartbeat_at > now() - interval '3 seconds'") < n) {
            assertThat(System.nanoTime()).as("replicas alive").isLessThan(deadline);
            Thread.sleep(250);
        }
    }

    private static String leaseOwner(String lease) throws Exception {
        try (Connection c = system.db.connect(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT owner FROM alerting_leases WHERE name = '" + lease
                        + "' AND expires_at > now()")) {
            assertThat(rs.next()).as("lease " + lease + " is held").isTrue();
            return rs.getString(1);
        }
    }
}

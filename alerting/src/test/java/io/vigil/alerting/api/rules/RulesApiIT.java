package io.vigil.alerting.api.rules;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vigil.alerting.eval.Alert;
import io.vigil.alerting.eval.AlertState;
import io.vigil.alerting.eval.AlertStore;
import io.vigil.alerting.ha.Leases;
import io.vigil.testkit.VigilInfraResource;
import jakarta.inject.Inject;
import io.vigil.alerting.eval.GroupHealth;
import io.vigil.alerting.eval.RuleHealth;
import io.vigil.alerting.rules.AlertingRule;
import io.vigil.alerting.rules.RecordingRule;
import io.vigil.alerting.rules.RuleGroup;
import io.vigil.alerting.rules.RuleRepository;
import io.vigil.alerting.rules.RuleSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Prometheus alert and rule APIs over what a group's owner stored, and their refusals. */
@QuarkusTest
@WithTestResource(value = VigilInfraResource.class, initArgs = @ResourceArg(name = "redis", value = "false"))
class RulesApiIT {
    @Inject
    AlertStore store;
    @Inject
    Leases leases;
    @Inject
    RuleRepository rules;

    @Test
    void activeAlertsOfEveryGroupAreListedAsPrometheusDoes() throws Exception {
        Instant t = Instant.parse("2026-05-01T12:00:00Z");
        Alert firing = Alert.restored(Map.of("alertname", "DiskFull", "host", "db1"), Map.of("summary", "disk full"),
                AlertState.FIRING, t, t.plusSeconds(60), null, t.plusSeconds(300), 0.97);
        Alert resolved = Alert.restored(Map.of("alertname", "DiskFull", "host", "db2"), Map.of(),
                AlertState.RESOLVED, t, t, t.plusSeconds(30), t.plusSeconds(30), 0.5);
        Leases.Lease lease = leases.tryAcquire("group:api.yml;disks").orElseThrow();
        store.commit(lease, AlertStore.source("api.yml;disks"), Map.of(),
                Map.of(firing.fingerprint(), firing, resolved.fingerprint(), resolved), null);

        given().get("/api/v1/alerts").then().statusCode(200)
                .body("status", equalTo("success"))
                .body("data.alerts.find { it.labels.host == 'db1' }.state", equalTo("firing"))
                .body("data.alerts.find { it.labels.host == 'db1' }.value", equalTo("9.7e-01"))
                .body("data.alerts.find { it.labels.host == 'db1' }.activeAt", equalTo("2026-05-01T12:00:00Z"))
                .body("data.alerts.find { it.labels.host == 'db1' }.annotations.summary", equalTo("disk full"))
                .body("data.alerts.labels.host", not(hasItem("db2")));
    }

    @Test
    void everyLoadedGroupWithItsOwnersHealthAndAlerts() throws Exception {
        RuleGroup group = new RuleGroup("api.yml", "hosts", Duration.ofSeconds(30), 0, Map.of(), List.of(
                new RecordingRule("job:up:sum", "sum by (job) (up)", Map.of(), 3),
                new AlertingRule("HostDown", "up == 0", Duration.ofMinutes(5), Duration.ZERO,
                        Map.of("severity", "page"), Map.of("summary", "down"), 6)));
        rules.set(new RuleSet(List.of(group), Instant.now()));
        Instant t = Instant.parse("2026-05-01T12:00:30Z");
        Alert pending = Alert.restored(Map.of("alertname", "HostDown", "instance", "h1"), Map.of("summary", "down"),
                AlertState.PENDING, t, null, null, null, 0);
        Leases.Lease lease = leases.tryAcquire("group:" + group.key()).orElseThrow();
        store.commit(lease, AlertStore.source(group.key()), Map.of(), Map.of(pending.fingerprint(), pending),
                new GroupHealth(group.key(), t, 0.02, List.of(RuleHealth.ok("job:up:sum", 0.01, t),
                        RuleHealth.failed("HostDown", "query timed out", 0.01, t))));

        given().get("/api/v1/rules").then().statusCode(200)
                .body("data.groups.find { it.name == 'hosts' }.file", equalTo("api.yml"))
                .body("data.groups.find { it.name == 'hosts' }.interval", equalTo(30.0f))
                .body("data.groups.find { it.name == 'hosts' }.lastEvaluation", equalTo("2026-05-01T12:00:30Z"))
                .body("data.groups.find { it.name == 'hosts' }.rules[0].type", equalTo("recording"))
                .body("data.groups.find { it.name == 'hosts' }.rules[0].health", equalTo("ok"))
                .body("data.groups.find { it.name == 'hosts' }.rules[1].state", equalTo("pending"))
                .body("data.groups.find { it.name == 'hosts' }.rules[1].duration", equalTo(300.0f))
                .body("data.groups.find { it.name == 'hosts' }.rules[1].health", equalTo("err"))
                .body("data.groups.find { it.name == 'hosts' }.rules[1].lastError", equalTo("query timed out"))
                .body("data.groups.find { it.name == 'hosts' }.rules[1].alerts[0].labels.instance", equalTo("h1"));
        given().queryParam("type", "alert").queryParam("exclude_alerts", "true").get("/api/v1/rules").then()
                .statusCode(200)
                .body("data.groups.find { it.name == 'hosts' }.rules.size()", equalTo(1))
                .body("data.groups.find { it.name == 'hosts' }.rules[0].alerts", org.hamcrest.Matchers.nullValue());
    }

    @Test
    void malformedAndHostileParametersAreRefusedWithAReason() {
        given().queryParam("type", "alerts").get("/api/v1/rules").then().statusCode(400)
                .body("status", equalTo("error")).body("errorType", equalTo("bad_data"))
                .body("error", equalTo("invalid query parameter type='alerts', must be one of \"alert\" or \"record\""));
        given().queryParam("exclude_alerts", "maybe").get("/api/v1/rules").then().statusCode(400)
                .body("error", equalTo("invalid query parameter exclude_alerts='maybe', must be true or false"));
        given().queryParam("type", "x".repeat(3000)).get("/api/v1/rules").then().statusCode(400)
                .body("error", equalTo("invalid query parameter type='" + "x".repeat(64)
                        + "…', must be one of \"alert\" or \"record\""));
        given().queryParam("type", "record").queryParam("rule_group[]", "none").get("/api/v1/rules").then()
                .statusCode(200).body("data.groups.size()", equalTo(0));
    }
}

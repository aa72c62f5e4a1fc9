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
import java.time.Instant;
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

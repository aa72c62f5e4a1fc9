package io.vigil.alerting.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vigil.alerting.audit.AuditLog;
import io.vigil.testkit.VigilInfraResource;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Access control as a user meets it: tokens with roles, clear refusals, and the audit log readable by admins. */
@QuarkusTest
@TestProfile(AuthIT.WithTokens.class)
@WithTestResource(value = VigilInfraResource.class, initArgs = @ResourceArg(name = "redis", value = "false"))
class AuthIT {
    static final String READER = TestTokens.READER;
    static final String ADMIN = TestTokens.ADMIN;

    public static class WithTokens implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return TestTokens.config();
        }
    }

    @Inject
    AuditLog audit;

    @Test
    void openEndpointsNeedNoToken() {
        given().get("/api/v1/status").then().statusCode(200).body("service", equalTo("vigil-alerting"));
        given().get("/q/health/ready").then().statusCode(200);
    }

    @Test
    void refusesMissingUnknownAndTooSmallTokens() {
        given().get("/api/v1/audit").then().statusCode(401)
                .header("WWW-Authenticate", "Bearer realm=\"vigil-alerting\"")
                .body("error", equalTo("a token is required: send Authorization: Bearer <token>"));
        given().header("Authorization", "Bearer not-a-known-token-at-all").get("/api/v1/audit").then().statusCode(401)
                .body("error", equalTo("the token is not known"));
        given().header("Authorization", "Bearer " + READER).get("/api/v1/audit").then().statusCode(403)
                .body("error", equalTo("the token of grafana has the role reader; this needs admin"));
    }

    @Test
    void adminReadsWhoChangedWhat() throws Exception {
        audit.record("ops", "silence.create", "silence/1234", "{\"comment\":\"maintenance\"}");
        given().header("Authorization", "Bearer " + ADMIN).get("/api/v1/audit?limit=5").then().statusCode(200)
                .body("data[0].actor", equalTo("ops"))
                .body("data[0].action", equalTo("silence.create"))
                .body("data[0].target", equalTo("silence/1234"))
                .body("data[0].detail.comment", equalTo("maintenance"));
        // Basic auth with the token as password, as Grafana's Alertmanager datasource sends it.
        given().auth().preemptive().basic("anyone", ADMIN).get("/api/v1/audit").then().statusCode(200)
                .body("data.action", hasItem("silence.create"));
        given().header("Authorization", "Bearer " + ADMIN).get("/api/v1/audit?limit=abc").then().statusCode(400)
                .body("error", equalTo("limit must be a whole number, got \"abc\""));
        given().header("Authorization", "Bearer " + ADMIN).get("/api/v1/audit?limit=100000").then().statusCode(400)
                .body("error", equalTo("limit must be between 1 and 1000, got 100000"));
    }
}

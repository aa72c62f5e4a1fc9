package io.vigil.alerting.manager.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vigil.alerting.auth.TestTokens;
import io.vigil.testkit.VigilInfraResource;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With access control on: readers read, editors silence and post alerts, and the audit log names them. */
@QuarkusTest
@TestProfile(ApiRolesIT.WithTokens.class)
@WithTestResource(value = VigilInfraResource.class, initArgs = @ResourceArg(name = "redis", value = "false"))
class ApiRolesIT {
    static final String READER = TestTokens.READER;
    static final String EDITOR = TestTokens.EDITOR;

    public static class WithTokens implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> m = new HashMap<>(new ManagerProfile().getConfigOverrides());
            m.putAll(TestTokens.config());
            return m;
        }
    }

    @Test
    void readersReadAndOnlyEditorsChange() throws Exception {
        given().get("/api/v2/status").then().statusCode(401);
        given().get("/api/v2/silences").then().statusCode(401);
        given().header("Authorization", "Bearer " + READER).get("/api/v2/status").then().statusCode(200);
        given().header("Authorization", "Bearer " + READER).get("/api/v2/alerts").then().statusCode(200);
        // Grafana's datasource sends basic auth with the token as password.
        given().auth().preemptive().basic("grafana", READER).get("/api/v2/alerts/groups").then().statusCode(200);

        String body = AlertmanagerApiIT.silenceBody("[{\"name\":\"alertname\",\"value\":\"Roles\",\"isRegex\":false}]",
                Instant.now(), Instant.now().plusSeconds(600), "someone", "roles");
        given().header("Authorization", "Bearer " + READER).contentType("application/json").body(body).post("/api/v2/silences")
                .then().statusCode(403).body("error", equalTo("the token of grafana has the role reader; this needs editor"));
        given().header("Authorization", "Bearer " + READER).contentType("application/json").body("[{\"labels\":{\"a\":\"b\"}}]")
                .post("/api/v2/alerts").then().statusCode(403);

        String id = given().header("Authorization", "Bearer " + EDITOR).contentType("application/json").body(body)
                .post("/api/v2/silences").then().statusCode(200).extract().path("silenceID");
        given().header("Authorization", "Bearer " + READER).delete("/api/v2/silence/" + id).then().statusCode(403);
        given().header("Authorization", "Bearer " + EDITOR).delete("/api/v2/silence/" + id).then().statusCode(200);
        // The actor is the token's name, not the createdBy the client claims.
        assertThat(AlertmanagerApiIT.auditActions(id)).containsExactly("silence.create:oncall", "silence.expire:oncall");
    }
}

package io.vigil.ingest.gateway.auth;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vigil.ingest.StoredSamples;
import io.vigil.testkit.VigilInfraResource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Push tokens on the real HTTP server, with every scheme senders use, and pushes that pass going
 * through real Kafka into TimescaleDB.
 */
@QuarkusTest
@TestProfile(GatewayAuthIT.TokensOn.class)
@WithTestResource(value = VigilInfraResource.class)
class GatewayAuthIT {
    static final String TELEGRAF = "telegraf-token-0123456789";
    static final String APPS = "apps-token-0123456789abc";

    /** Auth on, a Telegraf source allowed only Influx (token from a file) and an apps source allowed JSON. */
    public static class TokensOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                Path file = Files.createTempFile("vigil-telegraf-token", "");
                Files.writeString(file, TELEGRAF + "\n");
                file.toFile().deleteOnExit();
                return Map.of("vigil.gateway.auth.enabled", "true",
                        "vigil.gateway.auth.sources.telegraf.token-file", file.toString(),
                        "vigil.gateway.auth.sources.telegraf.protocols", "influx",
                        "vigil.gateway.auth.sources.apps.token", APPS,
                        "vigil.gateway.auth.sources.apps.protocols", "json");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static String line(String metric) {
        return metric + ",src=auth v=7 " + (System.currentTimeMillis() - 5_000) + "\n";
    }

    @Test
    void withoutCredentialsEveryPushPathIs401WithAChallenge() {
        for (String path : new String[] {"/write", "/api/v2/write", "/api/v1/push", "/api/v1/write", "/v1/metrics",
                "/metrics/job/backup", "/write/"}) {
            given().body("x").post(path).then().statusCode(401)
                    .header("WWW-Authenticate", containsString("realm=\"vigil\""));
        }
        given().body(line("it_auth_none")).post("/write?precision=ms").then().statusCode(401)
                .body("code", equalTo("unauthorized")).body("message", containsString("a push token is required"));
        given().contentType("application/json").body("{}").post("/api/v1/push").then().statusCode(401)
                .body("status", equalTo("error")).body("error", containsString("a push token is required"));
    }

    @Test
    void probesHealthAndMetricsNeedNoToken() {
        given().get("/ping").then().statusCode(204);
        given().get("/health").then().statusCode(200);
        given().get("/q/health/live").then().statusCode(200);
        given().body("x").post("/write").then().statusCode(401);
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("vigil_gateway_auth_refused_total"));
    }

    @Test
    void eachSchemeWithTheRightTokenIsStored() throws Exception {
        given().header("Authorization", "Bearer " + TELEGRAF).body(line("it_auth_bearer"))
                .post("/write?precision=ms").then().statusCode(204);
        given().header("Authorization", "Token " + TELEGRAF).body(line("it_auth_token"))
                .post("/api/v2/write?precision=ms").then().statusCode(204);
        given().auth().preemptive().basic("telegraf", TELEGRAF).body(line("it_auth_basic"))
                .post("/write?precision=ms").then().statusCode(204);
        given().body(line("it_auth_query")).post("/write?precision=ms&u=telegraf&p=" + TELEGRAF).then().statusCode(204);
        given().header("Authorization", "Bearer " + APPS).contentType("application/json")
                .body("{\"metric_name\":\"it_auth_json\",\"value\":3}").post("/api/v1/push").then().statusCode(200);
        for (String metric : new String[] {"it_auth_bearer_v", "it_auth_token_v", "it_auth_basic_v", "it_auth_query_v"}) {
            assertThat(StoredSamples.awaitRows(metric, 1, Duration.ofSeconds(30)).get(0).value()).isEqualTo(7.0);
        }
        assertThat(StoredSamples.awaitRows("it_auth_json", 1, Duration.ofSeconds(30)).get(0).value()).isEqualTo(3.0);
    }

    @Test
    void aWrongTokenIs401AndNothingIsStored() {
        given().header("Authorization", "Bearer " + TELEGRAF + "x").body(line("it_auth_wrong"))
                .post("/write?precision=ms").then().statusCode(401).body("message", equalTo("the push token is not valid"))
                .body(not(containsString(TELEGRAF)));
        given().auth().preemptive().basic("telegraf", "nope").body(line("it_auth_wrong"))
                .post("/write?precision=ms").then().statusCode(401);
        given().body(line("it_auth_wrong")).post("/write?precision=ms&u=telegraf&p=nope").then().statusCode(401);
        // The p parameter is InfluxDB 1.x only: elsewhere it is no credential.
        given().contentType("application/json").body("{\"metric_name\":\"it_auth_wrong\",\"value\":1}")
                .post("/api/v1/push?p=" + APPS).then().statusCode(401);
        given().header("Authorization", "Digest " + APPS).body(line("it_auth_wrong"))
                .post("/write?precision=ms").then().statusCode(401).body("message", containsString("not understood"));
        assertThat(StoredSamples.count("it_auth_wrong_v") + StoredSamples.count("it_auth_wrong")).isZero();
    }

    @Test
    void aTokenNotAllowedTheProtocolIs403() {
        given().header("Authorization", "Bearer " + APPS).body(line("it_auth_forbidden"))
                .post("/api/v2/write?precision=ms").then().statusCode(403)
                .body("code", equalTo("forbidden"))
                .body("message", equalTo("source \"apps\" may not push with the influx protocol"));
        given().header("Authorization", "Bearer " + TELEGRAF).contentType("application/json")
                .body("{\"metric_name\":\"it_auth_forbidden\",\"value\":1}").post("/api/v1/push")
                .then().statusCode(403).body("error", containsString("may not push with the json protocol"));
        given().header("Authorization", "Bearer " + TELEGRAF).body("x").post("/metrics/job/x").then().statusCode(403);
        assertThat(StoredSamples.count("it_auth_forbidden_v") + StoredSamples.count("it_auth_forbidden")).isZero();
    }
}

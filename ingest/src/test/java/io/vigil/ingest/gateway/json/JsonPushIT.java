package io.vigil.ingest.gateway.json;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vigil.ingest.StoredSamples;
import io.vigil.testkit.VigilInfraResource;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The JSON push endpoint against real Kafka and TimescaleDB, through the writer. */
@QuarkusTest
@WithTestResource(value = VigilInfraResource.class)
class JsonPushIT {
    @io.quarkus.test.common.http.TestHTTPResource("/api/v1/push")
    String pushUrl;

    private static long nowSeconds() {
        return Instant.now().getEpochSecond();
    }

    @Test
    void pushedSamplesAreStoredWithTheirLabels() throws Exception {
        long t = nowSeconds() - 60;
        given().contentType("application/json")
                .body("{\"metric_name\":\"it.push.one\",\"labels\":{\"host\":\"i631\",\"env\":\"prod\"},\"timestamp\":" + t
                        + ".25,\"value\":0.29}")
                .post("/api/v1/push")
                .then().statusCode(200).body("status", equalTo("success")).body("accepted", equalTo(1));
        StoredSamples.Row row = StoredSamples.awaitRows("it.push.one", 1, Duration.ofSeconds(30)).get(0);
        assertThat(row.labels()).isEqualTo("{\"env\": \"prod\", \"host\": \"i631\"}");
        assertThat(row.timeMillis()).isEqualTo(t * 1000 + 250);
        assertThat(row.value()).isEqualTo(0.29);
    }

    @Test
    void invalidItemsAreNamedAndValidOnesKept() throws Exception {
        long t = nowSeconds() - 30;
        String body = "[{\"metric_name\":\"it.push.partial\",\"labels\":{\"host\":\"a\"},\"timestamp\":" + t + ",\"value\":1},"
                + "{\"metric_name\":\"bad name\",\"timestamp\":" + t + ",\"value\":1},"
                + "{\"metric_name\":\"it.push.partial\",\"labels\":{\"__name__\":\"x\"},\"value\":1},"
                + "{\"metric_name\":\"it.push.partial\",\"timestamp\":" + (t - 30 * 86400) + ",\"value\":1},"
                + "{\"metric_name\":\"it.push.partial\",\"timestamp\":" + (t + 3600) + ",\"value\":1},"
                + "{\"metric_name\":\"it.push.partial\",\"labels\":{\"host\":\"b\"},\"timestamp\":" + t + ",\"value\":2}]";
        given().contentType("application/json").body(body).post("/api/v1/push")
                .then().statusCode(400)
                .body("accepted", equalTo(2))
                .body("rejected", equalTo(4))
                .body("errors", hasSize(4))
                .body("errors[0].index", equalTo(1))
                .body("errors[0].error", containsString("metric name \"bad name\" has an invalid character at position 3"))
                .body("errors[1].index", equalTo(2))
                .body("errors[1].error", containsString("reserved prefix"))
                .body("errors[2].error", containsString("older than the accepted lateness"))
                .body("errors[3].error", containsString("in the future"))
                .body("error", containsString("the others were stored"));
        assertThat(StoredSamples.awaitRows("it.push.partial", 2, Duration.ofSeconds(30)))
                .extracting(StoredSamples.Row::value).containsExactlyInAnyOrder(1.0, 2.0);
    }

    @Test
    void malformedBodiesGetTheReasonAndPosition() {
        given().contentType("application/json").body("[{\"metric_name\":\"x\",\n \"value\": }]").post("/api/v1/push")
                .then().statusCode(400).body("error", containsString("malformed JSON at line 2"));
        given().contentType("application/json").body("").post("/api/v1/push")
                .then().statusCode(400).body("error", containsString("empty body"));
        given().contentType("application/json").body("{\"metric_name\":\"x\",\"value\":\"NaN\"}").post("/api/v1/push")
                .then().statusCode(400).body("errors[0].error", equalTo("value is a string, expected a number"));
        given().contentType("application/json").body("{\"metric_name\":\"x\",\"value\":1e999}").post("/api/v1/push")
                .then().statusCode(400).body("errors[0].error", containsString("not a finite number"));
        given().contentType("application/json")
                .body("{\"metric_name\":\"x\",\"labels\":{\"a\":\"" + "v".repeat(3000) + "\"},\"value\":1}")
                .post("/api/v1/push")
                .then().statusCode(400).body("errors[0].error", containsString("longer than 2048"));
    }

    @Test
    void oversizedRequestsAreRefusedWhole() throws Exception {
        StringBuilder many = new StringBuilder("[");
        for (int i = 0; i <= 50_000; i++) {
            many.append(i == 0 ? "" : ",").append("{\"metric_name\":\"it.push.toomany\",\"value\":").append(i).append('}');
        }
        given().contentType("application/json").body(many.append(']').toString()).post("/api/v1/push")
                .then().statusCode(413).body("error", containsString("more than 50000 samples"));
        // A well-behaved client asks first (Expect: 100-continue) and is refused before sending 17 MB.
        byte[] huge = new byte[17 * 1024 * 1024];
        java.util.Arrays.fill(huge, (byte) ' ');
        java.net.http.HttpResponse<String> refused = java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1).build().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(pushUrl)).expectContinue(true)
                        .header("Content-Type", "application/json")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(huge)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(413);
        assertThat(StoredSamples.count("it.push.toomany")).isZero();
    }
}

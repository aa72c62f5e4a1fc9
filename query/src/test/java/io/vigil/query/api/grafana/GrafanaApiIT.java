package io.vigil.query.api.grafana;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vigil.query.api.prometheus.ApiSeedAccess;
import io.vigil.testkit.VigilInfraResource;
import java.time.Instant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The simpod JSON datasource contract under /grafana, with the requests that plugin sends. */
@QuarkusTest
@WithTestResource(value = VigilInfraResource.class, initArgs = @ResourceArg(name = "kafka", value = "false"))
class GrafanaApiIT {
    private static final long T0 = ApiSeedAccess.t0();

    @BeforeAll
    static void seed() throws Exception {
        ApiSeedAccess.seed();
    }

    private static String iso(long offsetSeconds) {
        return Instant.ofEpochMilli(T0 + offsetSeconds * 1000).toString();
    }

    private static String query(String targets, String extra) {
        return "{\"panelId\":1,\"range\":{\"from\":\"" + iso(60) + "\",\"to\":\"" + iso(120) + "\",\"raw\":{\"from\":\"now-6h\","
                + "\"to\":\"now\"}},\"interval\":\"30s\",\"intervalMs\":30000,\"maxDataPoints\":550,\"targets\":[" + targets
                + "]" + extra + "}";
    }

    @Test
    void healthAndDiscovery() {
        given().get("/grafana").then().statusCode(200);
        given().contentType(ContentType.JSON).body("{}").post("/grafana/metrics").then().statusCode(200)
                .body("value", org.hamcrest.Matchers.hasItems("it_api_cpu", "it_api_special"))
                .body("find { it.value == 'it_api_cpu' }.payloads[0].name", equalTo("format"));
        given().contentType(ContentType.JSON).body("{\"metric\":\"it_api_cpu\",\"payload\":{},\"name\":\"format\"}")
                .post("/grafana/metric-payload-options").then().statusCode(200).body("value", org.hamcrest.Matchers.contains(
                        "time_series", "table"));
        given().contentType(ContentType.JSON).body("{}").post("/grafana/tag-keys").then().statusCode(200)
                .body("text", org.hamcrest.Matchers.hasItems("__name__", "host", "pool", "kind"));
        assertThat(given().contentType(ContentType.JSON).body("{\"key\":\"pool\"}").post("/grafana/tag-values").asString())
                .contains("{\"text\":\"web\"}");
    }

    @Test
    void variablesAreLabelValues() {
        String body = given().contentType(ContentType.JSON)
                .body("{\"payload\":{\"target\":\"label_values(it_api_cpu, host)\"},\"range\":{\"from\":\"" + iso(0)
                        + "\",\"to\":\"" + iso(600) + "\"}}")
                .post("/grafana/variable").then().statusCode(200).extract().asString();
        assertThat(body).isEqualTo("[{\"__text\":\"h1\",\"__value\":\"h1\"},{\"__text\":\"h2\",\"__value\":\"h2\"}]");
        given().contentType(ContentType.JSON).body("{\"payload\":{\"target\":\"drop table series\"}}")
                .post("/grafana/variable").then().statusCode(400).body("errorType", equalTo("bad_data"))
                .body("error", org.hamcrest.Matchers.containsString("label_values(<label>)"));
    }

    @Test
    void timeSeriesTargetsAnswerDatapointsInMilliseconds() {
        String body = given().contentType(ContentType.JSON).body(query("{\"target\":\"sum(it_api_cpu)\",\"refId\":\"A\"}", ""))
                .post("/grafana/query").then().statusCode(200).extract().asString();
        assertThat(body).isEqualTo("[{\"target\":\"{}\",\"datapoints\":[[112.5," + (T0 + 60_000) + "],[118.5," + (T0 + 90_000)
                + "],[124.5," + (T0 + 120_000) + "]]}]");
    }

    @Test
    void tableTargetsAndAdhocFilters() {
        String table = given().contentType(ContentType.JSON)
                .body(query("{\"target\":\"it_api_cpu\",\"refId\":\"A\",\"payload\":{\"format\":\"table\"}}",
                        ",\"adhocFilters\":[{\"key\":\"host\",\"operator\":\"=\",\"value\":\"h2\"}]"))
                .post("/grafana/query").then().statusCode(200).extract().asString();
        assertThat(table).isEqualTo("[{\"type\":\"table\",\"columns\":[{\"text\":\"Time\",\"type\":\"time\"},"
                + "{\"text\":\"__name__\",\"type\":\"string\"},{\"text\":\"host\",\"type\":\"string\"},"
                + "{\"text\":\"pool\",\"type\":\"string\"},{\"text\":\"Value\",\"type\":\"number\"}],"
                + "\"rows\":[[" + (T0 + 120_000) + ",\"it_api_cpu\",\"h2\",\"web\",112.25]]}]");
        String series = given().contentType(ContentType.JSON)
                .body(query("{\"target\":\"it_api_cpu\",\"refId\":\"A\"}",
                        ",\"adhocFilters\":[{\"key\":\"host\",\"operator\":\"!~\",\"value\":\"h[2-9]\"}]"))
                .post("/grafana/query").then().statusCode(200).extract().asString();
        assertThat(series).startsWith("[{\"target\":\"it_api_cpu{host=\\\"h1\\\", pool=\\\"web\\\"}\",\"datapoints\":[[6.25,")
                .doesNotContain("h2");
    }

    @Test
    void badRequestsSayWhatIsWrong() {
        given().contentType(ContentType.JSON).body(query("{\"target\":\"sum(\"}", "")).post("/grafana/query").then()
                .statusCode(400).body("errorType", equalTo("bad_data"))
                .body("error", org.hamcrest.Matchers.startsWith("invalid parameter \"query\": "));
        given().contentType(ContentType.JSON).body("{\"range\":{\"from\":\"yesterday\",\"to\":\"now\"},\"targets\":[]}")
                .post("/grafana/query").then().statusCode(400)
                .body("error", org.hamcrest.Matchers.containsString("\"yesterday\" is not an ISO-8601 instant"));
        given().contentType(ContentType.JSON).body("{\"targets\":[]}").post("/grafana/query").then().statusCode(400)
                .body("error", org.hamcrest.Matchers.containsString("no range"));
        given().contentType(ContentType.JSON).body(query("{\"target\":\"up\"}",
                ",\"adhocFilters\":[{\"key\":\"host\",\"operator\":\"<>\",\"value\":\"x\"}]")).post("/grafana/query").then()
                .statusCode(400).body("error", org.hamcrest.Matchers.containsString("operator \"<>\""));
        given().contentType(ContentType.JSON).body("{\"range\":").post("/grafana/query").then().statusCode(400);
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 30; i++) {
            many.append(i == 0 ? "" : ",").append("{\"target\":\"up\"}");
        }
        given().contentType(ContentType.JSON).body(query(many.toString(), "")).post("/grafana/query").then().statusCode(400)
                .body("error", org.hamcrest.Matchers.containsString("30 targets"));
    }
}

package io.vigil.query.api.prometheus;

import static io.restassured.RestAssured.given;
import static io.vigil.query.api.prometheus.ApiSeed.sec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vigil.testkit.VigilInfraResource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The requests Grafana's built-in Prometheus datasource sends (promtool cannot be installed here):
 * form POSTs with whole-second times, the metric browser's label calls, and the editor's helpers.
 */
@QuarkusTest
@WithTestResource(value = VigilInfraResource.class, initArgs = @ResourceArg(name = "kafka", value = "false"))
class GrafanaPrometheusCompatIT {

    @BeforeAll
    static void seed() throws Exception {
        ApiSeed.seed();
    }

    @Test
    void panelQueryAsGrafanaPostsIt() {
        given().contentType(ContentType.URLENC.withCharset("UTF-8"))
                .formParam("query", "sum by (pool) (it_api_cpu)").formParam("start", sec(60)).formParam("end", sec(120))
                .formParam("step", "30").post("/api/v1/query_range").then().statusCode(200)
                .body("status", equalTo("success")).body("data.resultType", equalTo("matrix"))
                .body("data.result[0].metric.pool", equalTo("web"))
                .body("data.result[0].values[0][1]", equalTo("112.5"));
        given().contentType(ContentType.URLENC).formParam("query", "it_api_cpu").formParam("time", sec(100))
                .post("/api/v1/query").then().statusCode(200).body("data.result.metric.host", hasItems("h1", "h2"));
    }

    @Test
    void metricBrowserAndEditorHelpers() {
        given().get("/api/v1/status/buildinfo").then().statusCode(200).body("data.version", org.hamcrest.Matchers.notNullValue());
        given().queryParam("start", sec(0)).queryParam("end", sec(600)).get("/api/v1/label/__name__/values").then()
                .statusCode(200).body("data", hasItems("it_api_cpu", "it_api_special"));
        given().contentType(ContentType.URLENC).formParam("start", sec(0)).formParam("end", sec(600)).post("/api/v1/labels")
                .then().statusCode(200).body("data", hasItems("__name__", "host", "pool"));
        given().contentType(ContentType.URLENC).formParam("match[]", "{__name__=\"it_api_cpu\"}").formParam("start", sec(0))
                .formParam("end", sec(600)).post("/api/v1/series").then().statusCode(200).body("data.size()", equalTo(2));
        given().queryParam("match[]", "it_api_cpu").queryParam("start", sec(0)).queryParam("end", sec(600))
                .get("/api/v1/label/host/values").then().statusCode(200).body("data", org.hamcrest.Matchers.contains("h1", "h2"));
        assertThat(given().queryParam("metric", "it_api_cpu").get("/api/v1/metadata").asString()).isEqualTo(
                "{\"status\":\"success\",\"data\":{\"it_api_cpu\":[{\"type\":\"unknown\",\"help\":\"\",\"unit\":\"\"}]}}");
        assertThat(given().queryParam("query", "sum(rate(it_api_cpu{pool=\"web\"}[5m]))by(host)").get("/api/v1/format_query")
                .asString()).isEqualTo("{\"status\":\"success\",\"data\":\"sum by (host) (rate(it_api_cpu{pool=\\\"web\\\"}[5m]))\"}");
    }
}

package io.vigil.query.api.prometheus;

import static io.restassured.RestAssured.given;
import static io.vigil.query.api.prometheus.ApiSeed.sec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.vigil.testkit.VigilInfraResource;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Prometheus HTTP API over real TimescaleDB: exact answer bodies, every parameter error with its
 * errorType and status, hostile input, and GET and form POST alike.
 */
@QuarkusTest
@WithTestResource(value = VigilInfraResource.class, initArgs = @ResourceArg(name = "kafka", value = "false"))
class PrometheusApiIT {

    @BeforeAll
    static void seed() throws Exception {
        ApiSeed.seed();
    }

    /** The same request as GET with URL parameters and as POST with a form body; both must agree. */
    private static String both(String path, int status, Object... params) {
        RequestSpecification get = given();
        RequestSpecification post = given();
        for (int i = 0; i < params.length; i += 2) {
            get.queryParam((String) params[i], params[i + 1]);
            post.formParam((String) params[i], params[i + 1]);
        }
        Response g = get.get(path);
        Response p = post.post(path);
        assertThat(g.statusCode()).as("GET " + path + " " + g.asString()).isEqualTo(status);
        assertThat(p.statusCode()).as("POST " + path + " " + p.asString()).isEqualTo(status);
        assertThat(g.contentType()).startsWith("application/json");
        assertThat(p.asString()).isEqualTo(g.asString());
        return g.asString();
    }

    private static void badData(String path, String error, Object... params) {
        assertThat(both(path, 400, params))
                .isEqualTo("{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":" + json(error) + "}");
    }

    private static String json(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    @Test
    void instantVectorIsTheLatestSampleWithAllLabels() {
        assertThat(both("/api/v1/query", 200, "query", "it_api_cpu{host=\"h2\"}", "time", sec(100)))
                .isEqualTo("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":["
                        + "{\"metric\":{\"__name__\":\"it_api_cpu\",\"host\":\"h2\",\"pool\":\"web\"},\"value\":["
                        + sec(100) + ",\"110.25\"]}]}}");
    }

    @Test
    void rangeMatrixHasOnePointPerStep() {
        assertThat(both("/api/v1/query_range", 200, "query", "sum(it_api_cpu)", "start", sec(60), "end", sec(120), "step", "30s"))
                .isEqualTo("{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[{\"metric\":{},\"values\":["
                        + "[" + sec(60) + ",\"112.5\"],[" + sec(90) + ",\"118.5\"],[" + sec(120) + ",\"124.5\"]]}]}}");
    }

    @Test
    void scalarsStringsAndFractionalTimes() {
        String t = (ApiSeed.T0 / 1000 + 100) + ".500";
        assertThat(both("/api/v1/query", 200, "query", "1.5", "time", t))
                .isEqualTo("{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[" + t + ",\"1.5\"]}}");
        assertThat(both("/api/v1/query", 200, "query", "\"hello\"", "time", t))
                .isEqualTo("{\"status\":\"success\",\"data\":{\"resultType\":\"string\",\"result\":[" + t + ",\"hello\"]}}");
    }

    @Test
    void specialValuesArePrintedAsPrometheusDoes() {
        String body = both("/api/v1/query", 200, "query", "it_api_special", "time", sec(30));
        String prefix = "{\"metric\":{\"__name__\":\"it_api_special\",\"kind\":\"";
        assertThat(body).isEqualTo("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":["
                + prefix + "a_nan\"},\"value\":[" + sec(30) + ",\"NaN\"]},"
                + prefix + "b_inf\"},\"value\":[" + sec(30) + ",\"+Inf\"]},"
                + prefix + "c_tiny\"},\"value\":[" + sec(30) + ",\"1.5e-07\"]},"
                + prefix + "d_huge\"},\"value\":[" + sec(30) + ",\"1e+21\"]},"
                + prefix + "e_negative\"},\"value\":[" + sec(30) + ",\"-0.1\"]}]}}");
    }

    @Test
    void limitCutsTheAnswerWithAWarningAndUnknownParametersAreIgnored() {
        assertThat(both("/api/v1/query", 200, "query", "it_api_cpu", "time", sec(0), "limit", "1", "dedup", "true"))
                .isEqualTo("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":["
                        + "{\"metric\":{\"__name__\":\"it_api_cpu\",\"host\":\"h1\",\"pool\":\"web\"},\"value\":["
                        + sec(0) + ",\"0.25\"]}]},\"warnings\":[\"results truncated due to limit\"]}");
    }

    @Test
    void seriesLabelsAndLabelValuesComeFromTheCatalogue() {
        assertThat(both("/api/v1/series", 200, "match[]", "it_api_cpu", "start", sec(0), "end", sec(600)))
                .isEqualTo("{\"status\":\"success\",\"data\":["
                        + "{\"__name__\":\"it_api_cpu\",\"host\":\"h1\",\"pool\":\"web\"},"
                        + "{\"__name__\":\"it_api_cpu\",\"host\":\"h2\",\"pool\":\"web\"}]}");
        assertThat(both("/api/v1/series", 200, "match[]", "it_api_cpu", "limit", "1"))
                .isEqualTo("{\"status\":\"success\",\"data\":[{\"__name__\":\"it_api_cpu\",\"host\":\"h1\",\"pool\":\"web\"}],"
                        + "\"warnings\":[\"results truncated due to limit\"]}");
        assertThat(both("/api/v1/labels", 200, "match[]", "it_api_cpu"))
                .isEqualTo("{\"status\":\"success\",\"data\":[\"__name__\",\"host\",\"pool\"]}");
        assertThat(given().queryParam("match[]", "it_api_cpu").get("/api/v1/label/host/values").asString())
                .isEqualTo("{\"status\":\"success\",\"data\":[\"h1\",\"h2\"]}");
        assertThat(given().queryParam("match[]", "it_api_special").get("/api/v1/label/__name__/values").asString())
                .isEqualTo("{\"status\":\"success\",\"data\":[\"it_api_special\"]}");
        given().get("/api/v1/status/buildinfo").then().statusCode(200).body("status", equalTo("success"))
                .body("data.version", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void rangeParameterErrorsNameTheParameter() {
        String q = "it_api_cpu";
        badData("/api/v1/query_range", "invalid parameter \"start\": cannot parse \"\" to a valid timestamp", "query", q);
        badData("/api/v1/query_range", "invalid parameter \"start\": cannot parse \"soon\" to a valid timestamp",
                "query", q, "start", "soon", "end", "10", "step", "1");
        badData("/api/v1/query_range", "invalid parameter \"end\": cannot parse \"2024-13-01T00:00:00Z\" to a valid timestamp",
                "query", q, "start", "10", "end", "2024-13-01T00:00:00Z", "step", "1");
        badData("/api/v1/query_range", "end timestamp must not be before start time",
                "query", q, "start", "20", "end", "10", "step", "1");
        badData("/api/v1/query_range", "invalid parameter \"step\": cannot parse \"\" to a valid duration",
                "query", q, "start", "0", "end", "10");
        badData("/api/v1/query_range", "invalid parameter \"step\": cannot parse \"fast\" to a valid duration",
                "query", q, "start", "0", "end", "10", "step", "fast");
        for (String step : new String[] {"0", "-15", "0s", "0.0001"}) {
            badData("/api/v1/query_range",
                    "zero or negative query resolution step widths are not accepted. Try a positive integer",
                    "query", q, "start", "0", "end", "10", "step", step);
        }
        badData("/api/v1/query_range",
                "exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query resolution (?step=XX)",
                "query", q, "start", "0", "end", "20000", "step", "1");
        badData("/api/v1/query_range", "invalid parameter \"timeout\": cannot parse \"soon\" to a valid duration",
                "query", q, "start", "0", "end", "10", "step", "1", "timeout", "soon");
        badData("/api/v1/query_range", "invalid parameter \"limit\": cannot parse \"many\" to a valid limit",
                "query", q, "start", "0", "end", "10", "step", "1", "limit", "many");
        badData("/api/v1/query_range", "invalid parameter \"limit\": limit must be non-negative",
                "query", q, "start", "0", "end", "10", "step", "1", "limit", "-1");
        badData("/api/v1/query_range", "invalid parameter \"query\": 1:1: parse error: no expression found in input",
                "start", "0", "end", "10", "step", "1");
    }

    @Test
    void instantAndMetadataParameterErrors() {
        badData("/api/v1/query", "invalid parameter \"time\": cannot parse \"yesterday\" to a valid timestamp",
                "query", "up", "time", "yesterday");
        badData("/api/v1/query", "invalid parameter \"query\": 1:1: parse error: no expression found in input", "query", " ");
        badData("/api/v1/series", "no match[] parameter provided", "start", "0");
        badData("/api/v1/labels", "end timestamp must not be before start time", "start", "20", "end", "10");
        badData("/api/v1/labels", "invalid parameter \"start\": cannot parse \"x\" to a valid timestamp", "start", "x");
        given().get("/api/v1/label/bad-name/values").then().statusCode(400).body("errorType", equalTo("bad_data"))
                .body("error", equalTo("invalid label name: \"bad-name\""));
    }

    @Test
    void malformedQueriesAreBadDataAndSelectorsMustSelect() {
        String body = both("/api/v1/query", 400, "query", "sum(rate(it_api_cpu[5m])", "time", sec(0));
        assertThat(body).startsWith("{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"invalid parameter \\\"query\\\": ");
        String empty = both("/api/v1/series", 400, "match[]", "{host=\"\"}");
        assertThat(empty).contains("\"errorType\":\"bad_data\"").contains("match[]");
        String broken = both("/api/v1/series", 400, "match[]", "it_api_cpu{host=");
        assertThat(broken).contains("\"errorType\":\"bad_data\"").contains("invalid parameter \\\"match[]\\\"");
    }

    @Test
    void hostileInputIsRefusedWithAReason() {
        String huge = "it_api_cpu + " .repeat(8000) + "1";
        given().formParam("query", huge).formParam("time", sec(0)).post("/api/v1/query").then().statusCode(400)
                .body("errorType", equalTo("bad_data"))
                .body("error", equalTo("invalid parameter \"query\": the query is " + huge.length()
                        + " characters long, more than the limit of 65536"));
        // A URL longer than the HTTP server accepts never reaches the API.
        given().queryParam("query", "x".repeat(10_000)).get("/api/v1/query").then().statusCode(414);
        badData("/api/v1/query_range", "invalid parameter \"start\": cannot parse \"" + "1".repeat(100)
                + "...\" to a valid timestamp", "query", "up", "start", "1".repeat(2000) + "x", "end", "1", "step", "1");
        badData("/api/v1/query", "invalid parameter \"time\": cannot parse \"\\x00\\n\" to a valid timestamp",
                "query", "up", "time", "\u0000\n");
        String deep = "(".repeat(5000) + "1" + ")".repeat(5000);
        Response r = given().formParam("query", deep).post("/api/v1/query");
        assertThat(r.statusCode()).as(r.asString()).isIn(200, 400);
        assertThat(r.asString()).startsWith("{\"status\":");
    }

    @Test
    void evaluationTimeoutAnswers503() {
        Map<String, Object> params = Map.of("query", "sum(rate(it_api_cpu[1m])) + sum(it_api_cpu)", "start", sec(0) - 10_000,
                "end", sec(600), "step", "1", "timeout", "0.001");
        given().formParams(params).post("/api/v1/query_range").then().statusCode(503)
                .body("errorType", equalTo("timeout"));
    }
}

package io.vigil.ingest.gateway.pushgateway;

import static io.restassured.RestAssured.given;
import static io.vigil.ingest.gateway.pushgateway.SamplesTail.series;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vigil.ingest.gateway.pushgateway.SamplesTail.Sample;
import io.vigil.testkit.VigilInfraResource;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Pushgateway API against real Kafka: what lands on vigil.samples, when, and with which labels. */
@QuarkusTest
@TestProfile(PushgatewayIT.FastReEmission.class)
@WithTestResource(value = VigilInfraResource.class)
class PushgatewayIT {
    public static class FastReEmission implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("vigil.gateway.pushgateway.interval", "1s");
        }
    }

    private static final Duration WAIT = Duration.ofSeconds(20);
    private SamplesTail tail;

    @BeforeEach
    void openTail() {
        tail = new SamplesTail();
    }

    @AfterEach
    void closeTail() {
        tail.close();
    }

    private static void push(String method, String path, String body, int status) {
        given().contentType("text/plain; version=0.0.4").body(body).request(method, path).then().statusCode(status);
    }

    @Test
    void groupingLabelsOverridePushedOnesAndPushTimesAreExposed() {
        long before = System.currentTimeMillis();
        push("PUT", "/metrics/job/it_batch/instance/a", """
                # TYPE it_pg_duration_seconds gauge
                it_pg_duration_seconds{job="other",stage="x"} 3.5
                # TYPE it_pg_runs_total counter
                it_pg_runs_total 7
                """, 200);
        Sample duration = tail.await(series("it_pg_duration_seconds", "job", "it_batch", "instance", "a", "stage", "x"), 1, WAIT).get(0);
        assertThat(duration.value()).isEqualTo(3.5);
        assertThat(duration.time()).isBetween(before, System.currentTimeMillis());
        assertThat(tail.await(series("it_pg_runs_total", "job", "it_batch", "instance", "a"), 1, WAIT).get(0).value()).isEqualTo(7.0);
        double pushTime = tail.await(series("push_time_seconds", "job", "it_batch", "instance", "a"), 1, WAIT).get(0).value();
        assertThat(pushTime * 1000).isBetween(before - 1000.0, System.currentTimeMillis() + 1000.0);
        assertThat(tail.await(series("push_failure_time_seconds", "job", "it_batch", "instance", "a"), 1, WAIT).get(0).value())
                .isZero();
    }

    @Test
    void theLastValuesAreReEmittedEveryIntervalWithTheCurrentTime() {
        push("PUT", "/metrics/job/it_reemit", "it_pg_last_success 1700000000\n", 200);
        List<Sample> samples = tail.await(series("it_pg_last_success", "job", "it_reemit"), 4, WAIT);
        assertThat(samples).extracting(Sample::value).containsOnly(1.7e9);
        assertThat(samples).extracting(Sample::time).doesNotHaveDuplicates().isSorted();
        assertThat(samples.get(3).time() - samples.get(0).time()).isBetween(1_500L, 6_000L);
    }

    @Test
    void postReplacesOnlyTheFamiliesItPushesAndPutDropsTheRestWithStalenessMarkers() {
        String path = "/metrics/job/it_replace";
        push("PUT", path, "it_pg_a{k=\"1\"} 1\nit_pg_a{k=\"2\"} 2\nit_pg_b 10\n", 200);
        push("POST", path, "it_pg_a{k=\"1\"} 5\n", 200);
        // POST: it_pg_a{k="2"} is gone (same family), it_pg_b stays.
        tail.await(s -> series("it_pg_a", "job", "it_replace", "k", "2").test(s) && s.isStale(), 1, WAIT);
        tail.forget();
        List<Sample> afterPost = tail.during(s -> s.labels().metricName().startsWith("it_pg_") && s.labels().get("job").equals("it_replace"),
                Duration.ofMillis(2500));
        assertThat(afterPost).filteredOn(s -> !s.isStale()).extracting(s -> s.labels().toString() + "=" + s.value())
                .contains("it_pg_a{job=\"it_replace\",k=\"1\"}=5.0", "it_pg_b{job=\"it_replace\"}=10.0")
                .doesNotContain("it_pg_a{job=\"it_replace\",k=\"2\"}=2.0");
        push("PUT", path, "it_pg_c 3\n", 200);
        tail.await(s -> series("it_pg_b", "job", "it_replace").test(s) && s.isStale(), 1, WAIT);
        tail.await(s -> series("it_pg_a", "job", "it_replace", "k", "1").test(s) && s.isStale(), 1, WAIT);
        assertThat(tail.await(series("it_pg_c", "job", "it_replace"), 1, WAIT).get(0).value()).isEqualTo(3.0);
    }

    @Test
    void deleteWritesStalenessMarkersAndStopsReEmission() {
        String path = "/metrics/job/it_delete/instance/x";
        push("PUT", path, "it_pg_gone 4\n", 200);
        tail.await(series("it_pg_gone", "job", "it_delete", "instance", "x"), 2, WAIT);
        given().delete(path).then().statusCode(202);
        tail.await(s -> series("it_pg_gone", "job", "it_delete", "instance", "x").test(s) && s.isStale(), 1, WAIT);
        tail.await(s -> series("push_time_seconds", "job", "it_delete", "instance", "x").test(s) && s.isStale(), 1, WAIT);
        tail.forget();
        assertThat(tail.during(series("it_pg_gone", "job", "it_delete", "instance", "x"), Duration.ofMillis(2500))).isEmpty();
        given().delete(path).then().statusCode(202);
    }

    @Test
    void aBadPushIsRefusedWithItsReasonsAndTheGroupKeepsItsValues() {
        String path = "/metrics/job/it_bad";
        push("PUT", path, "it_pg_good 1\n", 200);
        given().contentType("text/plain").body("it_pg_good 2\nit_pg_good{a=\"1\" 3\n").put(path).then().statusCode(400)
                .body(containsString("line 2: expected ',' or '}' in the label set"))
                .body(containsString("the group keeps its previous metrics"));
        given().contentType("text/plain").body("it_pg_good 2 1700000000000\n").put(path).then().statusCode(400)
                .body(containsString("pushed metrics must not have timestamps"));
        given().contentType("text/plain").body("it_pg_good{__x=\"1\"} 2\n").put(path).then().statusCode(400)
                .body(containsString("reserved prefix"));
        given().contentType("text/plain").body("it_pg_good{a=\"1\"} 2\nit_pg_good{a=\"1\"} 3\n").put(path).then().statusCode(400)
                .body(containsString("appears twice"));
        given().contentType("application/openmetrics-text; version=1.0.0").body("it_pg_good 2\n".getBytes(StandardCharsets.UTF_8)).put(path).then().statusCode(400)
                .body(containsString("no \"# EOF\""));
        tail.forget();
        List<Sample> values = tail.during(series("it_pg_good", "job", "it_bad"), Duration.ofMillis(2500));
        assertThat(values).isNotEmpty().extracting(Sample::value).containsOnly(1.0);
        assertThat(tail.await(series("push_failure_time_seconds", "job", "it_bad"), 1, WAIT).get(0).value()).isPositive();
    }

    @Test
    void base64SegmentsAndOpenMetricsBodies() {
        String job = Base64.getUrlEncoder().withoutPadding().encodeToString("nightly/backup".getBytes(StandardCharsets.UTF_8));
        given().urlEncodingEnabled(false).contentType("application/openmetrics-text; version=1.0.0; charset=utf-8")
                .body("# TYPE it_pg_om counter\nit_pg_om_total 12\nit_pg_om_created 1.7e9\n# EOF\n".getBytes(StandardCharsets.UTF_8))
                .put("/metrics/job@base64/" + job + "/path@base64/=/dc/eu%2D1").then().statusCode(200);
        Sample s = tail.await(series("it_pg_om_total", "job", "nightly/backup", "dc", "eu-1"), 1, WAIT).get(0);
        assertThat(s.value()).isEqualTo(12.0);
        given().urlEncodingEnabled(false).delete("/metrics/job@base64/" + job + "/path@base64/=/dc/eu%2D1").then().statusCode(202);
    }

    @Test
    void malformedRequestsGetTheReason() {
        given().body("x 1\n").put("/metrics/job/").then().statusCode(400).body(containsString("job name must not be empty"));
        given().body("x 1\n").put("/metrics/job/a/instance").then().statusCode(400).body(containsString("has no value"));
        given().body("x 1\n").put("/metrics/job@base64/!!!").then().statusCode(400).body(containsString("not URL-safe base64"));
        given().body("x 1\n").put("/metrics/job/a/__bad/x").then().statusCode(400).body(containsString("reserved prefix"));
        given().contentType("application/vnd.google.protobuf; proto=io.prometheus.client.MetricFamily; encoding=delimited")
                .body(new byte[] {1, 2, 3}).put("/metrics/job/a").then().statusCode(415)
                .body(containsString("push the text format"));
        given().header("Content-Encoding", "gzip").body("x").put("/metrics/job/a").then().statusCode(415);
        StringBuilder huge = new StringBuilder();
        for (int i = 0; i <= 50_000; i++) {
            huge.append("it_pg_many{i=\"").append(i).append("\"} 1\n");
        }
        given().contentType("text/plain").body(huge.toString()).put("/metrics/job/it_huge").then().statusCode(413);
    }
}

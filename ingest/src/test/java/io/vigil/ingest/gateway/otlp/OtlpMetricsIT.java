package io.vigil.ingest.gateway.otlp;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogram;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Gauge;
import io.opentelemetry.proto.metrics.v1.Histogram;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.Sum;
import io.opentelemetry.proto.resource.v1.Resource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vigil.ingest.StoredSamples;
import io.vigil.testkit.VigilInfraResource;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /v1/metrics} against real Kafka and TimescaleDB, through the writer: what an OTLP
 * exporter sends is stored under Prometheus-style names, and every answer is one the exporter reads.
 */
@QuarkusTest
@WithTestResource(value = VigilInfraResource.class)
class OtlpMetricsIT {
    private static final String PROTOBUF = "application/x-protobuf";

    static KeyValue attr(String key, String value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
    }

    static byte[] request(String service, String instance, Metric... metrics) {
        return ExportMetricsServiceRequest.newBuilder().addResourceMetrics(ResourceMetrics.newBuilder()
                .setResource(Resource.newBuilder().addAttributes(attr("service.name", service))
                        .addAttributes(attr("service.instance.id", instance)))
                .addScopeMetrics(ScopeMetrics.newBuilder().addAllMetrics(List.of(metrics)))).build().toByteArray();
    }

    static Metric deltaSum(String name, long timeMillis, double value) {
        return Metric.newBuilder().setName(name).setSum(Sum.newBuilder().setIsMonotonic(true)
                .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA)
                .addDataPoints(NumberDataPoint.newBuilder().setStartTimeUnixNano((timeMillis - 100) * 1_000_000)
                        .setTimeUnixNano(timeMillis * 1_000_000).setAsDouble(value))).build();
    }

    static Response post(byte[] body) {
        return given().contentType(PROTOBUF).body(body).post("/v1/metrics");
    }

    @Test
    void gaugesCountersAndHistogramsAreStored() throws Exception {
        long t = System.currentTimeMillis() - 60_000;
        Metric gauge = Metric.newBuilder().setName("it.otlp.queue").setUnit("{item}").setGauge(Gauge.newBuilder()
                .addDataPoints(NumberDataPoint.newBuilder().setTimeUnixNano(t * 1_000_000).setAsInt(17)
                        .addAttributes(attr("queue.name", "orders")))).build();
        Metric counter = Metric.newBuilder().setName("it.otlp.requests").setSum(Sum.newBuilder().setIsMonotonic(true)
                .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE)
                .addDataPoints(NumberDataPoint.newBuilder().setTimeUnixNano(t * 1_000_000).setAsDouble(42))).build();
        Metric histogram = Metric.newBuilder().setName("it.otlp.latency").setUnit("s").setHistogram(Histogram.newBuilder()
                .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE)
                .addDataPoints(HistogramDataPoint.newBuilder().setTimeUnixNano(t * 1_000_000).setCount(5).setSum(1.5)
                        .addAllExplicitBounds(List.of(0.1, 1.0)).addAllBucketCounts(List.of(2L, 2L, 1L)))).build();
        Response r = post(request("shop", "pod-1", gauge, counter, histogram));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.contentType()).isEqualTo(PROTOBUF);
        assertThat(ExportMetricsServiceResponse.parseFrom(r.asByteArray()).hasPartialSuccess()).isFalse();

        StoredSamples.Row row = StoredSamples.awaitRows("it_otlp_queue", 1, Duration.ofSeconds(30)).get(0);
        assertThat(row.labels()).isEqualTo("{\"job\": \"shop\", \"instance\": \"pod-1\", \"queue_name\": \"orders\"}");
        assertThat(row.timeMillis()).isEqualTo(t);
        assertThat(row.value()).isEqualTo(17);
        assertThat(StoredSamples.awaitRows("it_otlp_requests_total", 1, Duration.ofSeconds(30)).get(0).value()).isEqualTo(42);
        assertThat(StoredSamples.awaitRows("it_otlp_latency_seconds_bucket", 3, Duration.ofSeconds(30)))
                .extracting(StoredSamples.Row::value).containsExactlyInAnyOrder(2.0, 4.0, 5.0);
        assertThat(StoredSamples.awaitRows("it_otlp_latency_seconds_sum", 1, Duration.ofSeconds(30)).get(0).value()).isEqualTo(1.5);
    }

    @Test
    void jsonAndGzipAreAccepted() throws Exception {
        long t = System.currentTimeMillis() - 30_000;
        String json = "{\"resourceMetrics\":[{\"resource\":{\"attributes\":[{\"key\":\"service.name\",\"value\":"
                + "{\"stringValue\":\"web\"}}]},\"scopeMetrics\":[{\"metrics\":[{\"name\":\"it.otlp.json\",\"gauge\":"
                + "{\"dataPoints\":[{\"asDouble\":2.5,\"timeUnixNano\":\"" + t + "000000\"}]}}]}]}]}";
        given().contentType("application/json").body(json).post("/v1/metrics")
                .then().statusCode(200).contentType("application/json").body(equalTo("{}"));
        assertThat(StoredSamples.awaitRows("it_otlp_json", 1, Duration.ofSeconds(30)).get(0).value()).isEqualTo(2.5);

        Metric m = Metric.newBuilder().setName("it.otlp.gzip").setGauge(Gauge.newBuilder().addDataPoints(
                NumberDataPoint.newBuilder().setTimeUnixNano(t * 1_000_000).setAsDouble(7))).build();
        given().contentType(PROTOBUF).header("Content-Encoding", "gzip").body(gzip(request("web", "a", m)))
                .post("/v1/metrics").then().statusCode(200);
        assertThat(StoredSamples.awaitRows("it_otlp_gzip", 1, Duration.ofSeconds(30)).get(0).value()).isEqualTo(7);
    }

    @Test
    void refusedPointsAreReportedAsPartialSuccess() throws Exception {
        long t = System.currentTimeMillis() - 20_000;
        Metric exponential = Metric.newBuilder().setName("it.otlp.exp").setExponentialHistogram(ExponentialHistogram
                .newBuilder().setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE)
                .addDataPoints(ExponentialHistogramDataPoint.newBuilder().setCount(1))).build();
        Metric old = Metric.newBuilder().setName("it.otlp.partial").setGauge(Gauge.newBuilder()
                .addDataPoints(NumberDataPoint.newBuilder().setTimeUnixNano(1_000_000_000_000_000L).setAsDouble(1))
                .addDataPoints(NumberDataPoint.newBuilder().setTimeUnixNano(t * 1_000_000).setAsDouble(2))).build();
        Response r = post(request("svc", "a", exponential, old));
        assertThat(r.statusCode()).isEqualTo(200);
        ExportMetricsServiceResponse response = ExportMetricsServiceResponse.parseFrom(r.asByteArray());
        assertThat(response.getPartialSuccess().getRejectedDataPoints()).isEqualTo(2);
        assertThat(response.getPartialSuccess().getErrorMessage()).contains("exponential histograms are not supported")
                .contains("older than the accepted lateness");
        assertThat(StoredSamples.awaitRows("it_otlp_partial", 1, Duration.ofSeconds(30)).get(0).value()).isEqualTo(2);
    }

    @Test
    void unreadableRequestsGetAStatusInTheirEncoding() throws Exception {
        Response r = given().contentType(PROTOBUF).body(new byte[] {0x0A, 0x7F, 1}).post("/v1/metrics");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.contentType()).isEqualTo(PROTOBUF);
        assertThat(new String(r.asByteArray(), java.nio.charset.StandardCharsets.UTF_8)).contains("protobuf: message truncated");
        given().contentType("application/json").body("{\"resourceMetrics\":7}").post("/v1/metrics")
                .then().statusCode(400).body("code", equalTo(3))
                .body("message", containsString("\"resourceMetrics\" must be an object"));
        given().contentType("text/plain").body("x").post("/v1/metrics").then().statusCode(415);
        given().contentType(PROTOBUF).header("Content-Encoding", "br").body(new byte[1]).post("/v1/metrics")
                .then().statusCode(415);
        given().contentType(PROTOBUF).header("Content-Encoding", "gzip").body(new byte[] {1, 2, 3}).post("/v1/metrics")
                .then().statusCode(400);
    }

    @Test
    void gzipBombsAreRefusedBeforeTheyAreRead() throws Exception {
        // 65 MB of zeros compress to about 64 kB; the decoded limit is 64 MB.
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 65; i++) {
                gz.write(zeros);
            }
        }
        given().contentType("application/json").header("Content-Encoding", "gzip").body(out.toByteArray())
                .post("/v1/metrics").then().statusCode(413).body("message", containsString("once decompressed"));
    }

    @Test
    void deltasOfThreeInvocationsAddUpAndAResentRequestIsNotCountedTwice() throws Exception {
        long t = System.currentTimeMillis() - 120_000;
        // Each invocation of the function starts from zero and reports what it counted.
        byte[] first = request("fn", "sandbox-1", deltaSum("it.otlp.invocations", t, 3));
        byte[] second = request("fn", "sandbox-1", deltaSum("it.otlp.invocations", t + 10_000, 5));
        byte[] third = request("fn", "sandbox-1", deltaSum("it.otlp.invocations", t + 20_000, 2));
        for (byte[] body : List.of(first, second, third, second)) {
            assertThat(post(body).statusCode()).isEqualTo(200);
        }
        // A later point proves the resent request was consumed before we look.
        assertThat(post(request("fn", "sandbox-1", deltaSum("it.otlp.invocations", t + 30_000, 1))).statusCode())
                .isEqualTo(200);
        List<StoredSamples.Row> rows = StoredSamples.awaitRows("it_otlp_invocations_total", 4, Duration.ofSeconds(30));
        assertThat(rows).extracting(StoredSamples.Row::value).containsExactly(3.0, 8.0, 10.0, 11.0);
        assertThat(rows).extracting(StoredSamples.Row::timeMillis).containsExactly(t, t + 10_000, t + 20_000, t + 30_000);
    }

    private static byte[] gzip(byte[] data) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }
}

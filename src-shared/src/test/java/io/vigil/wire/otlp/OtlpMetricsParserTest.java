package io.vigil.wire.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
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
import io.opentelemetry.proto.metrics.v1.Summary;
import io.opentelemetry.proto.metrics.v1.SummaryDataPoint;
import io.opentelemetry.proto.resource.v1.Resource;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Requests encoded by the OpenTelemetry project's own generated classes, decoded by our hand-written
 * parser: every metric type, the resource mapping and the naming rules.
 */
class OtlpMetricsParserTest {
    static final long NANOS = 1_700_000_000_123_456_789L;
    static final long MS = 1_700_000_000_123L;
    static final String JOB = "instance=\"i-1\",job=\"shop/checkout\"";

    static KeyValue attr(String key, String value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
    }

    static Resource resource(KeyValue... extra) {
        return Resource.newBuilder().addAttributes(attr("service.name", "checkout"))
                .addAttributes(attr("service.namespace", "shop")).addAttributes(attr("service.instance.id", "i-1"))
                .addAllAttributes(List.of(extra)).build();
    }

    static byte[] request(Resource resource, Metric... metrics) {
        return ExportMetricsServiceRequest.newBuilder().addResourceMetrics(ResourceMetrics.newBuilder().setResource(resource)
                .addScopeMetrics(ScopeMetrics.newBuilder().setScope(InstrumentationScope.newBuilder().setName("io.lib")
                        .setVersion("1.2")).addAllMetrics(List.of(metrics)))).build().toByteArray();
    }

    static NumberDataPoint.Builder point(double value, KeyValue... attributes) {
        return NumberDataPoint.newBuilder().setTimeUnixNano(NANOS).setStartTimeUnixNano(NANOS - 60_000_000_000L)
                .setAsDouble(value).addAllAttributes(List.of(attributes));
    }

    static RecordingSink parse(byte[] body) {
        return parse(body, OtlpOptions.DEFAULTS);
    }

    static RecordingSink parse(byte[] body, OtlpOptions options) {
        RecordingSink sink = new RecordingSink();
        new OtlpMetricsParser(options).parseProtobuf(body, body.length, sink, 42);
        return sink;
    }

    @Test
    void gaugeGetsJobInstanceAndSanitizedAttributes() {
        Metric m = Metric.newBuilder().setName("process.runtime.jvm.threads").setUnit("{thread}")
                .setGauge(Gauge.newBuilder().addDataPoints(point(12, attr("thread.state", "runnable"),
                        attr("9lives", "x"), attr("_private", "y"), attr("empty", "")))).build();
        assertThat(parse(request(resource(), m)).samples).containsExactly(
                "process_runtime_jvm_threads{instance=\"i-1\",job=\"shop/checkout\",key_9lives=\"x\",key_private=\"y\","
                        + "thread_state=\"runnable\"} " + MS + " 12.0");
    }

    @Test
    void integerValuesAndMissingTimeUseReceiveTime() {
        Metric m = Metric.newBuilder().setName("queue").setGauge(Gauge.newBuilder().addDataPoints(
                NumberDataPoint.newBuilder().setAsInt(-7))).build();
        assertThat(parse(request(resource(), m)).samples).containsExactly("queue{" + JOB + "} 42 -7.0");
    }

    @Test
    void cumulativeMonotonicSumIsACounterWithUnitAndTotal() {
        Metric m = Metric.newBuilder().setName("http.server.request.duration").setUnit("s").setSum(Sum.newBuilder()
                .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE).setIsMonotonic(true)
                .addDataPoints(point(3.5))).build();
        assertThat(parse(request(resource(), m)).samples)
                .containsExactly("http_server_request_duration_seconds_total{" + JOB + "} " + MS + " 3.5");
    }

    @Test
    void deltaSumsBecomeDeltaSeriesAndNonMonotonicSumsGauges() {
        Metric delta = Metric.newBuilder().setName("invocations").setSum(Sum.newBuilder()
                .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA).setIsMonotonic(true)
                .addDataPoints(point(2))).build();
        Metric upDown = Metric.newBuilder().setName("connections").setUnit("1").setSum(Sum.newBuilder()
                .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE)
                .addDataPoints(point(9))).build();
        assertThat(parse(request(resource(), delta, upDown)).samples).containsExactly(
                "invocations_total{" + JOB + "} " + MS + " 2.0 delta",
                "connections_ratio{" + JOB + "} " + MS + " 9.0");
    }

    @Test
    void histogramBucketsBecomeCumulativeWithInf() {
        Metric m = Metric.newBuilder().setName("rpc.duration").setUnit("ms").setHistogram(Histogram.newBuilder()
                .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE)
                .addDataPoints(HistogramDataPoint.newBuilder().setTimeUnixNano(NANOS).setCount(10).setSum(123.5)
                        .addAllExplicitBounds(List.of(0.5, 10.0, 250.0)).addAllBucketCounts(List.of(1L, 4L, 0L, 5L))
                        .addAttributes(attr("rpc.method", "Get")))).build();
        String labels = JOB + ",rpc_method=\"Get\"";
        assertThat(parse(request(resource(), m)).samples).containsExactly(
                "rpc_duration_milliseconds_sum{" + labels + "} " + MS + " 123.5",
                "rpc_duration_milliseconds_count{" + labels + "} " + MS + " 10.0",
                "rpc_duration_milliseconds_bucket{instance=\"i-1\",job=\"shop/checkout\",le=\"0.5\",rpc_method=\"Get\"} " + MS + " 1.0",
                "rpc_duration_milliseconds_bucket{instance=\"i-1\",job=\"shop/checkout\",le=\"10\",rpc_method=\"Get\"} " + MS + " 5.0",
                "rpc_duration_milliseconds_bucket{instance=\"i-1\",job=\"shop/checkout\",le=\"250\",rpc_method=\"Get\"} " + MS + " 5.0",
                "rpc_duration_milliseconds_bucket{instance=\"i-1\",job=\"shop/checkout\",le=\"+Inf\",rpc_method=\"Get\"} " + MS + " 10.0");
    }

    @Test
    void deltaHistogramSeriesAreDeltaSeries() {
        Metric m = Metric.newBuilder().setName("latency").setHistogram(Histogram.newBuilder()
                .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA)
                .addDataPoints(HistogramDataPoint.newBuilder().setTimeUnixNano(NANOS).setCount(2).setSum(3)
                        .addExplicitBounds(1).addAllBucketCounts(List.of(1L, 1L)))).build();
        assertThat(parse(request(resource(), m)).samples).hasSize(4).allMatch(s -> s.endsWith(" delta"));
    }

    @Test
    void histogramWithoutBucketsHasOnlySumAndCount() {
        Metric m = Metric.newBuilder().setName("latency").setHistogram(Histogram.newBuilder()
                .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE)
                .addDataPoints(HistogramDataPoint.newBuilder().setTimeUnixNano(NANOS).setCount(2))).build();
        assertThat(parse(request(resource(), m)).samples).containsExactly("latency_count{" + JOB + "} " + MS + " 2.0");
    }

    @Test
    void summaryQuantilesSumAndCount() {
        Metric m = Metric.newBuilder().setName("gc.pause").setUnit("s").setSummary(Summary.newBuilder().addDataPoints(
                SummaryDataPoint.newBuilder().setTimeUnixNano(NANOS).setCount(4).setSum(0.25)
                        .addQuantileValues(SummaryDataPoint.ValueAtQuantile.newBuilder().setQuantile(0).setValue(0.01))
                        .addQuantileValues(SummaryDataPoint.ValueAtQuantile.newBuilder().setQuantile(0.99).setValue(0.2))))
                .build();
        assertThat(parse(request(resource(), m)).samples).containsExactly(
                "gc_pause_seconds_sum{" + JOB + "} " + MS + " 0.25",
                "gc_pause_seconds_count{" + JOB + "} " + MS + " 4.0",
                "gc_pause_seconds{" + JOB + ",quantile=\"0\"} " + MS + " 0.01",
                "gc_pause_seconds{" + JOB + ",quantile=\"0.99\"} " + MS + " 0.2");
    }

    @Test
    void exponentialHistogramPointsAreRefusedOneByOne() {
        Metric m = Metric.newBuilder().setName("sizes").setExponentialHistogram(ExponentialHistogram.newBuilder()
                .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA)
                .addDataPoints(ExponentialHistogramDataPoint.newBuilder().setCount(3))
                .addDataPoints(ExponentialHistogramDataPoint.newBuilder().setCount(1))).build();
        RecordingSink sink = parse(request(resource(), m));
        assertThat(sink.samples).isEmpty();
        assertThat(sink.rejections).hasSize(2).allMatch(r -> r.startsWith("metric \"sizes\": exponential histograms"));
    }

    @Test
    void sumWithoutTemporalityIsRefused() {
        Metric m = Metric.newBuilder().setName("x").setSum(Sum.newBuilder().addDataPoints(point(1))).build();
        RecordingSink sink = parse(request(resource(), m));
        assertThat(sink.samples).isEmpty();
        assertThat(sink.rejections).containsExactly("metric \"x\": aggregation temporality 0 is neither delta (1) nor cumulative (2)");
    }

    @Test
    void noRecordedValueIsAStalenessMarkerButNothingOnDeltaSeries() {
        Metric gauge = Metric.newBuilder().setName("temp").setGauge(Gauge.newBuilder().addDataPoints(
                NumberDataPoint.newBuilder().setTimeUnixNano(NANOS).setFlags(1))).build();
        Metric delta = Metric.newBuilder().setName("calls").setSum(Sum.newBuilder().setIsMonotonic(true)
                .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA)
                .addDataPoints(NumberDataPoint.newBuilder().setTimeUnixNano(NANOS).setFlags(1))).build();
        RecordingSink sink = parse(request(resource(), gauge, delta));
        assertThat(sink.samples).containsExactly("temp{" + JOB + "} " + MS + " stale");
        assertThat(sink.rejections).isEmpty();
    }

    @Test
    void otherResourceAttributesGoToTargetInfoOrArePromoted() {
        Metric m = Metric.newBuilder().setName("up").setGauge(Gauge.newBuilder().addDataPoints(point(1))).build();
        byte[] body = request(resource(attr("host.name", "node-7"), attr("deployment.environment", "prod")), m);
        assertThat(parse(body).samples).containsExactly("up{" + JOB + "} " + MS + " 1.0",
                "target_info{deployment_environment=\"prod\",host_name=\"node-7\"," + JOB + "} " + MS + " 1.0");
        OtlpOptions promote = new OtlpOptions(List.of("deployment.environment"), false, true);
        assertThat(parse(body, promote).samples).containsExactly("up{deployment_environment=\"prod\"," + JOB
                + ",otel_scope_name=\"io.lib\",otel_scope_version=\"1.2\"} " + MS + " 1.0");
    }

    @Test
    void labelsSetByVigilWinOverAttributesOfTheSameName() {
        Metric m = Metric.newBuilder().setName("up").setGauge(Gauge.newBuilder().addDataPoints(point(1,
                attr("job", "other"), attr("a.b", "first"), attr("a_b", "second")))).build();
        assertThat(parse(request(resource(), m)).samples)
                .containsExactly("up{a_b=\"first\"," + JOB + "} " + MS + " 1.0");
    }

    @Test
    void nonStringAttributesAreWrittenAsText() {
        KeyValue list = KeyValue.newBuilder().setKey("tags").setValue(AnyValue.newBuilder().setArrayValue(
                ArrayValue.newBuilder().addValues(AnyValue.newBuilder().setStringValue("a\"b"))
                        .addValues(AnyValue.newBuilder().setIntValue(3)))).build();
        Metric m = Metric.newBuilder().setName("up").setGauge(Gauge.newBuilder().addDataPoints(point(1,
                KeyValue.newBuilder().setKey("n").setValue(AnyValue.newBuilder().setIntValue(-12)).build(),
                KeyValue.newBuilder().setKey("ok").setValue(AnyValue.newBuilder().setBoolValue(true)).build(),
                KeyValue.newBuilder().setKey("d").setValue(AnyValue.newBuilder().setDoubleValue(0.5)).build(),
                KeyValue.newBuilder().setKey("raw").setValue(AnyValue.newBuilder()
                        .setBytesValue(ByteString.copyFrom(new byte[] {1, 2, 3}))).build(), list))).build();
        assertThat(parse(request(Resource.getDefaultInstance(), m)).samples).containsExactly(
                "up{d=\"0.5\",n=\"-12\",ok=\"true\",raw=\"AQID\",tags=\"[\\\"a\\\\\\\"b\\\",3]\"} " + MS + " 1.0");
    }

    @Test
    void invalidUtf8AttributeRefusesThePoint() {
        // protobuf-java refuses to write invalid UTF-8, so "é" (C3 A9) is broken in the encoded bytes.
        Metric m = Metric.newBuilder().setName("up").setGauge(Gauge.newBuilder().addDataPoints(point(1, attr("k", "\u00e9")))
                .addDataPoints(point(2))).build();
        byte[] body = request(resource(), m);
        for (int i = 0; i + 1 < body.length; i++) {
            if (body[i] == (byte) 0xC3 && body[i + 1] == (byte) 0xA9) {
                body[i + 1] = 'A';
            }
        }
        RecordingSink sink = parse(body);
        assertThat(sink.samples).containsExactly("up{" + JOB + "} " + MS + " 2.0");
        assertThat(sink.rejections).containsExactly("metric \"up\": " + AttributeLabels.BAD_UTF8);
    }

    @Test
    void inconsistentHistogramsAreRefused() {
        Metric m = Metric.newBuilder().setName("h").setHistogram(Histogram.newBuilder()
                .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE)
                .addDataPoints(HistogramDataPoint.newBuilder().setCount(1).addExplicitBounds(1).addBucketCounts(1))
                .addDataPoints(HistogramDataPoint.newBuilder().setCount(1).addAllExplicitBounds(List.of(2.0, 1.0))
                        .addAllBucketCounts(List.of(0L, 1L, 0L)))).build();
        RecordingSink sink = parse(request(resource(), m));
        assertThat(sink.samples).isEmpty();
        assertThat(sink.rejections).containsExactly(
                "metric \"h\": a histogram point has 1 bucket counts for 1 bounds (needs one more count than bounds)",
                "metric \"h\": histogram bounds are not strictly increasing numbers");
    }

    @Test
    void metricWithoutUsableNameIsRefused() {
        Metric m = Metric.newBuilder().setName("...").setGauge(Gauge.newBuilder().addDataPoints(point(1))).build();
        assertThat(parse(request(resource(), m)).rejections)
                .containsExactly("metric \"...\": the metric name has no letters or digits");
    }
}

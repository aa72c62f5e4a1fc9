package io.vigil.wire.otlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.Gauge;
import io.opentelemetry.proto.metrics.v1.Histogram;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.Sum;
import io.vigil.wire.LabelBuffer;
import io.vigil.wire.SampleSink;
import io.vigil.wire.WireFormatException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Truncated, mutated, oversized and hostile bodies. Whatever arrives, the parser either hands over
 * series with valid Prometheus names, refuses items with a reason, or refuses the body with
 * {@link WireFormatException}; it never throws anything else, loops or allocates what a length claims.
 *
 * <p>The {@link FuzzTest}s replay their seeds in a normal build; {@code JAZZER_FUZZ=1} fuzzes for the
 * bounded duration.
 */
class OtlpHostileInputTest {
    private static final byte[] VALID = OtlpMetricsParserTest.request(OtlpMetricsParserTest.resource(
            OtlpMetricsParserTest.attr("host.name", "h")),
            Metric.newBuilder().setName("a.b").setUnit("s").setGauge(Gauge.newBuilder()
                    .addDataPoints(OtlpMetricsParserTest.point(1, OtlpMetricsParserTest.attr("k", "v")))).build(),
            Metric.newBuilder().setName("c").setSum(Sum.newBuilder().setIsMonotonic(true)
                    .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA)
                    .addDataPoints(OtlpMetricsParserTest.point(2))).build(),
            Metric.newBuilder().setName("h").setHistogram(Histogram.newBuilder()
                    .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE)
                    .addDataPoints(HistogramDataPoint.newBuilder().setCount(3).setSum(1).addExplicitBounds(1)
                            .addBucketCounts(1).addBucketCounts(2))).build());

    /** Checks that every series handed over has valid names. */
    private static final class CheckingSink implements SampleSink {
        int samples;
        int rejections;

        @Override
        public boolean beginSeries(LabelBuffer labels) {
            byte[] b = labels.bytes();
            assertThat(labels.nameLength()).isPositive();
            for (int i = 0; i < labels.nameLength(); i++) {
                byte c = b[labels.nameOffset() + i];
                assertThat(MetricNamer.isAlnum(c) && (i > 0 || c > '9') || c == '_').as("metric name byte %d", c).isTrue();
            }
            for (int l = 0; l < labels.labelCount(); l++) {
                assertThat(labels.valueLength(l)).isPositive();
                assertThat(labels.keyLength(l)).isPositive();
                for (int i = 0; i < labels.keyLength(l); i++) {
                    byte c = b[labels.keyOffset(l) + i];
                    assertThat(MetricNamer.isAlnum(c) && (i > 0 || c > '9') || c == '_').as("label name byte %d", c).isTrue();
                }
                assertThat(b[labels.keyOffset(l)] == '_' && b[labels.keyOffset(l) + 1] == '_').isFalse();
                assertThat(Utf8.isValid(b, labels.valueOffset(l), labels.valueOffset(l) + labels.valueLength(l))).isTrue();
            }
            return true;
        }

        @Override
        public boolean beginDeltaSeries(LabelBuffer labels) {
            return beginSeries(labels);
        }

        @Override
        public void sample(long timestampMillis, double value) {
            samples++;
        }

        @Override
        public void reject(String reason) {
            assertThat(reason).isNotBlank();
            rejections++;
        }
    }

    private static boolean parses(byte[] body, boolean json) {
        OtlpMetricsParser parser = new OtlpMetricsParser(new OtlpOptions(java.util.List.of("host.name"), true, true));
        try {
            if (json) {
                parser.parseJson(body, body.length, new CheckingSink(), 1);
            } else {
                parser.parseProtobuf(body, body.length, new CheckingSink(), 1);
            }
            return true;
        } catch (WireFormatException e) {
            assertThat(e.getMessage()).startsWith(json ? "OTLP/JSON: " : "protobuf: ");
            return false;
        }
    }

    @FuzzTest(maxDuration = "30s")
    void anyProtobufBodyIsParsedOrRefused(byte[] body) {
        parses(body, false);
    }

    @FuzzTest(maxDuration = "30s")
    void anyJsonBodyIsParsedOrRefused(byte[] body) {
        parses(body, true);
    }

    @Test
    void everyTruncationIsReadOrRefused() {
        int refused = 0;
        for (int n = 0; n < VALID.length; n++) {
            refused += parses(Arrays.copyOf(VALID, n), false) ? 0 : 1;
        }
        assertThat(refused).isPositive();
    }

    @Test
    void mutatedBodiesNeverCrashTheParser() {
        Random random = new Random(20261122);
        int refused = 0;
        for (int run = 0; run < 20_000; run++) {
            byte[] b = VALID.clone();
            for (int e = 0; e < 1 + random.nextInt(3); e++) {
                b[random.nextInt(b.length)] = (byte) random.nextInt(256);
            }
            refused += parses(b, false) ? 0 : 1;
        }
        assertThat(refused).isBetween(1_000, 19_000);
    }

    @Test
    void lengthsLargerThanTheBodyAreRefusedWithoutAllocating() {
        // field 1 (resource_metrics), length 2^31-1, then nothing
        byte[] body = {0x0A, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x07};
        assertThat(parses(body, false)).isFalse();
        byte[] packed = {0x0A, 3, 0x12, 1, 0x12};
        assertThat(parses(packed, false)).isFalse();
    }

    @Test
    void groupWireTypesAndZeroTagsAreRefused() {
        assertThatThrownBy(() -> new OtlpMetricsParser(OtlpOptions.DEFAULTS).parseProtobuf(new byte[] {0x0B}, 1,
                new CheckingSink(), 0)).isInstanceOf(WireFormatException.class).hasMessageContaining("wire type 3");
        assertThatThrownBy(() -> new OtlpMetricsParser(OtlpOptions.DEFAULTS).parseProtobuf(new byte[] {0x00}, 1,
                new CheckingSink(), 0)).isInstanceOf(WireFormatException.class).hasMessageContaining("invalid field tag 0");
    }

    @Test
    void deeplyNestedAttributeValuesAreRefusedWithoutRecursingDeep() {
        byte[] any = {0x0A, 1, 'x'}; // AnyValue{string_value: "x"}
        for (int i = 0; i < 2_000; i++) {
            any = wrap(5, wrap(1, any)); // AnyValue{array_value: ArrayValue{values: any}}
        }
        byte[] keyValue = concat(wrap(1, "k".getBytes(StandardCharsets.US_ASCII)), wrap(2, any));
        byte[] point = concat(wrap(7, keyValue), new byte[] {0x21, 0, 0, 0, 0, 0, 0, (byte) 0xF0, 0x3F}); // as_double 1
        byte[] metric = concat(wrap(1, "m".getBytes(StandardCharsets.US_ASCII)), wrap(5, wrap(1, point)));
        byte[] body = wrap(1, wrap(2, wrap(2, metric)));
        CheckingSink sink = new CheckingSink();
        new OtlpMetricsParser(OtlpOptions.DEFAULTS).parseProtobuf(body, body.length, sink, 0);
        assertThat(sink.samples).isZero();
        assertThat(sink.rejections).isEqualTo(1);
    }

    @Test
    void histogramsWithTooManyBucketsAreRefused() {
        HistogramDataPoint.Builder p = HistogramDataPoint.newBuilder().setCount(1);
        for (int i = 0; i <= DistributionPoints.MAX_BUCKETS; i++) {
            p.addExplicitBounds(i).addBucketCounts(0);
        }
        p.addBucketCounts(1);
        RecordingSink sink = OtlpMetricsParserTest.parse(OtlpMetricsParserTest.request(OtlpMetricsParserTest.resource(),
                Metric.newBuilder().setName("h").setHistogram(Histogram.newBuilder().addDataPoints(p)
                        .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE)).build()));
        assertThat(sink.samples).isEmpty();
        assertThat(sink.rejections).containsExactly("metric \"h\": a histogram point has more than 1024 buckets");
    }

    private static byte[] wrap(int field, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(field << 3 | 2);
        int n = content.length;
        while (n >= 0x80) {
            out.write(n & 0x7F | 0x80);
            n >>>= 7;
        }
        out.write(n);
        out.writeBytes(content);
        return out.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}

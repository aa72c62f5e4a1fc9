package io.vigil.wire.otlp;

import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.Gauge;
import io.opentelemetry.proto.metrics.v1.Histogram;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.vigil.wire.LabelBuffer;
import io.vigil.wire.SampleSink;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Throughput and allocation of the OTLP parser (not a test: run its main). Prints samples per second
 * and bytes allocated per sample by the parsing thread, for protobuf and for JSON, into a sink that
 * hashes each series as the gateway does.
 *
 * <pre>
 * java -cp "$(cat cp.txt):src-shared/target/classes:src-shared/target/test-classes" io.vigil.wire.otlp.OtlpParserBench
 * </pre>
 */
public final class OtlpParserBench {
    private OtlpParserBench() {
    }

    public static void main(String[] args) {
        List<Metric> metrics = new ArrayList<>();
        for (int m = 0; m < 100; m++) {
            Gauge.Builder g = Gauge.newBuilder();
            for (int p = 0; p < 50; p++) {
                g.addDataPoints(OtlpMetricsParserTest.point(p, OtlpMetricsParserTest.attr("http.route", "/api/" + p),
                        OtlpMetricsParserTest.attr("http.method", "GET")));
            }
            metrics.add(Metric.newBuilder().setName("bench.gauge." + m).setUnit("By").setGauge(g).build());
            metrics.add(Metric.newBuilder().setName("bench.latency." + m).setUnit("s").setHistogram(Histogram.newBuilder()
                    .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE)
                    .addDataPoints(HistogramDataPoint.newBuilder().setTimeUnixNano(OtlpMetricsParserTest.NANOS).setCount(9)
                            .setSum(2).addAllExplicitBounds(List.of(0.005, 0.01, 0.05, 0.1, 0.5, 1.0, 5.0))
                            .addAllBucketCounts(List.of(1L, 1L, 1L, 1L, 1L, 1L, 1L, 2L)))).build());
        }
        byte[] protobuf = OtlpMetricsParserTest.request(OtlpMetricsParserTest.resource(), metrics.toArray(Metric[]::new));
        String json = "{\"resourceMetrics\":[{\"resource\":{\"attributes\":[{\"key\":\"service.name\",\"value\":"
                + "{\"stringValue\":\"bench\"}}]},\"scopeMetrics\":[{\"metrics\":[" + jsonMetrics() + "]}]}]}";
        byte[] jsonBytes = json.getBytes(StandardCharsets.UTF_8);
        run("protobuf", protobuf, false);
        run("json", jsonBytes, true);
    }

    private static String jsonMetrics() {
        StringBuilder sb = new StringBuilder();
        for (int m = 0; m < 100; m++) {
            sb.append(m == 0 ? "" : ",").append("{\"name\":\"bench.gauge.").append(m).append("\",\"gauge\":{\"dataPoints\":[");
            for (int p = 0; p < 50; p++) {
                sb.append(p == 0 ? "" : ",").append("{\"asDouble\":").append(p)
                        .append(",\"timeUnixNano\":\"1700000000123456789\",\"attributes\":[{\"key\":\"http.route\","
                                + "\"value\":{\"stringValue\":\"/api/").append(p).append("\"}}]}");
            }
            sb.append("]}}");
        }
        return sb.toString();
    }

    private static void run(String what, byte[] body, boolean json) {
        OtlpMetricsParser parser = new OtlpMetricsParser(OtlpOptions.DEFAULTS);
        long[] checksum = {0};
        SampleSink sink = new SampleSink() {
            @Override
            public boolean beginSeries(LabelBuffer labels) {
                checksum[0] += labels.seriesId();
                return true;
            }

            @Override
            public boolean beginDeltaSeries(LabelBuffer labels) {
                return beginSeries(labels);
            }

            @Override
            public void sample(long timestampMillis, double value) {
                checksum[0] += timestampMillis;
            }

            @Override
            public void reject(String reason) {
                throw new IllegalStateException(reason);
            }
        };
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (int i = 0; i < 300; i++) {
            parse(parser, body, json, sink);
        }
        long samples = 0;
        long allocatedBefore = threads.getCurrentThreadAllocatedBytes();
        long start = System.nanoTime();
        for (int i = 0; i < 500; i++) {
            samples += parse(parser, body, json, sink);
        }
        long nanos = System.nanoTime() - start;
        long allocated = threads.getCurrentThreadAllocatedBytes() - allocatedBefore;
        System.out.printf("%-8s %,d samples/request, %,.0f samples/s, %.2f bytes allocated/sample (checksum %d)%n", what,
                samples / 500, samples / (nanos / 1e9), (double) allocated / samples, checksum[0]);
    }

    private static int parse(OtlpMetricsParser parser, byte[] body, boolean json, SampleSink sink) {
        return json ? parser.parseJson(body, body.length, sink, 0) : parser.parseProtobuf(body, body.length, sink, 0);
    }
}

package io.vigil.wire.exposition;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.wire.LabelBuffer;
import io.vigil.wire.SampleSink;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The hot path allocates nothing per sample: a reused parser reading a realistic exposition (labels,
 * escapes, histograms, timestamps) many times allocates less than one byte per sample in total. Prints
 * the throughput it saw, as a benchmark would (not asserted).
 */
class ExpositionParserAllocationTest {
    private static final int SERIES = 2_000;

    @Test
    void aReusedParserAllocatesNothingPerSample() {
        byte[] text = body(false);
        byte[] openMetrics = body(true);
        ExpositionParser parser = new ExpositionParser();
        CountingSink sink = new CountingSink();
        for (int i = 0; i < 200; i++) {
            parser.read(text, 0, text.length, 1L, ExpositionFormat.PROMETHEUS_TEXT, sink, null);
            parser.read(openMetrics, 0, openMetrics.length, 1L, ExpositionFormat.OPENMETRICS, sink, null);
        }
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().threadId();
        sink.samples = 0;
        long before = threads.getThreadAllocatedBytes(thread);
        long started = System.nanoTime();
        for (int i = 0; i < 100; i++) {
            parser.read(text, 0, text.length, 1L, ExpositionFormat.PROMETHEUS_TEXT, sink, null);
            parser.read(openMetrics, 0, openMetrics.length, 1L, ExpositionFormat.OPENMETRICS, sink, null);
        }
        long nanos = System.nanoTime() - started;
        long allocated = threads.getThreadAllocatedBytes(thread) - before;
        System.out.printf("exposition parser: %d samples, %.1f M samples/s, %.3f bytes allocated per sample%n", sink.samples,
                sink.samples * 1e3 / nanos, (double) allocated / sink.samples);
        assertThat(sink.rejected).isZero();
        assertThat(sink.samples).isEqualTo(100L * 2 * SERIES * 6);
        assertThat(allocated).as("bytes allocated for %d samples", sink.samples).isLessThan(sink.samples);
    }

    private static byte[] body(boolean openMetrics) {
        StringBuilder b = new StringBuilder();
        b.append("# HELP http_request_duration_seconds Request latency \\\\ in seconds.\n");
        b.append("# TYPE http_request_duration_seconds histogram\n");
        for (int i = 0; i < SERIES; i++) {
            String labels = "method=\"GET\",path=\"/api/v1/items/" + i + "\",note=\"a \\\"quoted\\\" \\n value\"";
            for (String le : new String[] {"0.005", "0.1", "2.5", "+Inf"}) {
                b.append("http_request_duration_seconds_bucket{").append(labels).append(",le=\"").append(le).append("\"} ")
                        .append(i * 3 + 17).append(openMetrics ? " 1700000000.123" : " 1700000000123").append('\n');
            }
            b.append("http_request_duration_seconds_sum{").append(labels).append("} ").append(i).append(".25e-3\n");
            b.append("http_request_duration_seconds_count{").append(labels).append("} ").append(i * 3 + 17).append('\n');
        }
        if (openMetrics) {
            b.append("# EOF\n");
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static final class CountingSink implements SampleSink {
        long samples;
        long rejected;
        double sum;

        @Override
        public boolean beginSeries(LabelBuffer labels) {
            return labels.labelCount() > 0;
        }

        @Override
        public void sample(long timestampMillis, double value) {
            samples++;
            sum += value + timestampMillis;
        }

        @Override
        public void reject(String reason) {
            rejected++;
        }
    }
}

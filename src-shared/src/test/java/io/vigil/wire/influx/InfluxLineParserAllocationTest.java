package io.vigil.wire.influx;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.wire.LabelBuffer;
import io.vigil.wire.SampleSink;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The parser's promise to the gateway: no allocation per sample. Counts the bytes this thread
 * allocates while parsing (HotSpot's per-thread counter), not the time it takes.
 */
class InfluxLineParserAllocationTest {
    /** A sink that keeps nothing, as the cheapest real sink would: it reads what it is given. */
    private static final class Summing implements SampleSink {
        long checksum;

        @Override
        public boolean beginSeries(LabelBuffer labels) {
            checksum += labels.nameLength() + labels.labelCount();
            return true;
        }

        @Override
        public void sample(long timestampMillis, double value) {
            checksum += timestampMillis + (long) value;
        }

        @Override
        public void reject(String reason) {
            throw new AssertionError(reason);
        }
    }

    @Test
    void parsingTenThousandLinesAllocatesOnlyPerRequest() {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 10_000; i++) {
            body.append("cpu,host=server-").append(i % 50).append(",cpu=cpu").append(i % 8).append(",region=eu\\ west ")
                    .append("usage_user=").append(i % 100).append('.').append(i % 7).append(",usage_system=0.25,")
                    .append("count=").append(i).append("i,up=true,note=\"ok, fine\" ")
                    .append(1_700_000_000_000_000_000L + i * 1_000_000_000L).append('\n');
        }
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Summing sink = new Summing();
        InfluxLineParser.parse(bytes, 0, bytes.length, 0, Precision.NANOSECONDS, sink); // class loading, JIT

        long before = threads.getCurrentThreadAllocatedBytes();
        InfluxParseResult result = InfluxLineParser.parse(bytes, 0, bytes.length, 0, Precision.NANOSECONDS, sink);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        assertThat(result.samples()).isEqualTo(40_000);
        assertThat(result.stringFields()).isEqualTo(10_000);
        // The per-request buffers (label buffer, tag set, field arrays) are a few KiB; one byte per
        // sample would already be 40 KB.
        assertThat(allocated).as("bytes allocated for 40,000 samples").isLessThan(16_384);
    }
}

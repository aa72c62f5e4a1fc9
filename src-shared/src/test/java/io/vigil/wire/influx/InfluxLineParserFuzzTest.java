package io.vigil.wire.influx;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.vigil.wire.LabelBuffer;
import io.vigil.wire.SampleSink;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Hostile bodies. Whatever arrives, every point line is either refused once with "line N: …" or
 * turned into samples whose names and label keys are valid Prometheus names; nothing is thrown.
 *
 * <p>The {@link FuzzTest} replays its seed inputs (src/test/resources/…/InfluxLineParserFuzzTestInputs)
 * in a normal build; {@code JAZZER_FUZZ=1} makes it fuzz for its bounded duration. The mutation test
 * beside it always runs thousands of deterministic random mutations.
 */
class InfluxLineParserFuzzTest {
    private static final byte[] VALID = ("# comment\ncpu,host=a,cpu=cpu0 usage_user=0.5,usage_system=1e-3,n=3i,u=4u,b=t,"
            + "s=\"x,\\\"y\\\" z\" 1700000000000000000\r\nmy\\ m,t\\,k=v\\=w f\\ k=-1.5 -5\n\nweather temp=82\n")
            .getBytes(StandardCharsets.UTF_8);
    private static final byte[] ALPHABET = "\\\",= \n\r\t#.-+eEiutTfF0123456789abc\u00ff\u0000".getBytes(StandardCharsets.ISO_8859_1);

    /** Checks what the parser hands over; counts lines the way the parser must. */
    private static final class CheckingSink implements SampleSink {
        int rejections;
        int samples;

        @Override
        public boolean beginSeries(LabelBuffer labels) {
            assertThat(labels.nameLength()).isPositive();
            byte[] b = labels.bytes();
            for (int i = 0; i < labels.nameLength(); i++) {
                byte c = b[labels.nameOffset() + i];
                assertThat(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == ':'
                        || i > 0 && (c >= '0' && c <= '9' || c == '.')).as("metric name byte %d", c).isTrue();
            }
            for (int l = 0; l < labels.labelCount(); l++) {
                assertThat(labels.keyLength(l)).isPositive();
                assertThat(labels.valueLength(l)).isPositive();
                for (int i = 0; i < labels.keyLength(l); i++) {
                    byte c = b[labels.keyOffset(l) + i];
                    assertThat(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || i > 0 && c >= '0' && c <= '9')
                            .as("label name byte %d", c).isTrue();
                }
            }
            return true;
        }

        @Override
        public void sample(long timestampMillis, double value) {
            assertThat(Double.isFinite(value)).isTrue();
            samples++;
        }

        @Override
        public void reject(String reason) {
            assertThat(reason).startsWith("line ");
            rejections++;
        }
    }

    @FuzzTest(maxDuration = "60s")
    void anyBodyIsParsedOrRefusedLineByLine(byte[] body) {
        check(body);
    }

    @Test
    void mutatedBodiesNeverCrashTheParser() {
        Random random = new Random(20261122);
        int refusedSomething = 0;
        for (int run = 0; run < 10_000; run++) {
            if (check(mutate(VALID, random)).rejectedLines() > 0) {
                refusedSomething++;
            }
        }
        // The mutations must exercise both outcomes.
        assertThat(refusedSomething).isBetween(1_000, 9_700);
    }

    private static InfluxParseResult check(byte[] body) {
        CheckingSink sink = new CheckingSink();
        InfluxParseResult r = InfluxLineParser.parse(body, 0, body.length, 1_000, Precision.NANOSECONDS, sink);
        assertThat(r.rejectedLines()).isEqualTo(sink.rejections).isLessThanOrEqualTo(r.lines());
        assertThat(r.samples()).isEqualTo(sink.samples);
        long newlines = 0;
        for (byte b : body) {
            newlines += b == '\n' ? 1 : 0;
        }
        assertThat((long) r.lines()).isLessThanOrEqualTo(newlines + 1);
        return r;
    }

    private static byte[] mutate(byte[] input, Random random) {
        byte[] b = input.clone();
        int edits = 1 + random.nextInt(4);
        for (int e = 0; e < edits; e++) {
            int at = random.nextInt(b.length);
            switch (random.nextInt(4)) {
                case 0 -> b[at] = ALPHABET[random.nextInt(ALPHABET.length)];
                case 1 -> b = splice(b, at, 1, new byte[0]);
                case 2 -> b = splice(b, at, 0, new byte[] {ALPHABET[random.nextInt(ALPHABET.length)]});
                default -> b = java.util.Arrays.copyOf(b, at); // truncated body
            }
            if (b.length == 0) {
                return b;
            }
        }
        return b;
    }

    private static byte[] splice(byte[] b, int at, int remove, byte[] insert) {
        byte[] out = new byte[b.length - remove + insert.length];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(b, at + remove, out, at + insert.length, b.length - at - remove);
        return out;
    }
}

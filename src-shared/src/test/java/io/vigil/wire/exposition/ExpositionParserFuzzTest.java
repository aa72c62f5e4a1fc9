package io.vigil.wire.exposition;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.vigil.wire.LabelBuffer;
import io.vigil.wire.SampleSink;
import io.vigil.wire.WireFormatException;

/**
 * Arbitrary bytes never make the parser fail other than with {@link WireFormatException} (OpenMetrics
 * only), and whatever reaches the sink is a well-formed series: a name, distinct sorted label keys,
 * non-empty values, all inside the buffer.
 *
 * <p>A plain test run replays the seeds in {@code ExpositionParserFuzzTestInputs/}; to search for new
 * inputs run {@code JAZZER_FUZZ=1 ./mvnw -o test -pl src-shared -Dtest=ExpositionParserFuzzTest}
 * (bounded by maxDuration). The first byte chooses the format (odd = OpenMetrics), the rest is the body.
 */
class ExpositionParserFuzzTest {
    private final ExpositionParser parser = new ExpositionParser();

    @FuzzTest(maxDuration = "60s")
    void parsesAnythingSafely(byte[] data) {
        if (data.length == 0) {
            return;
        }
        ExpositionFormat format = (data[0] & 1) == 1 ? ExpositionFormat.OPENMETRICS : ExpositionFormat.PROMETHEUS_TEXT;
        CheckingSink sink = new CheckingSink();
        try {
            parser.read(data, 1, data.length - 1, 42L, format, sink, (name, type, help, unit) -> assertThat(name).isNotNull());
        } catch (WireFormatException e) {
            assertThat(format).isEqualTo(ExpositionFormat.OPENMETRICS);
            assertThat(e.getMessage()).isNotBlank();
        }
    }

    private static final class CheckingSink implements SampleSink {
        @Override
        public boolean beginSeries(LabelBuffer labels) {
            assertThat(labels.hasName()).isTrue();
            assertThat(labels.sort()).as("no repeated label").isEqualTo(-1);
            for (int i = 0; i < labels.labelCount(); i++) {
                assertThat(labels.valueLength(i)).isPositive();
                assertThat(labels.keyLength(i)).isPositive();
                assertThat(labels.valueOffset(i) + labels.valueLength(i)).isLessThanOrEqualTo(labels.position());
            }
            labels.toLabels();
            return true;
        }

        @Override
        public void sample(long timestampMillis, double value) {
            assertThat(ExpositionNumbers.isInvalid(value)).isFalse();
        }

        @Override
        public void reject(String reason) {
            assertThat(reason).startsWith("line ");
        }
    }
}

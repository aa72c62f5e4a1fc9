package io.vigil.query.api.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Expected strings are what Prometheus (Go's strconv with 'f'/'e' and precision -1) prints. */
class PromNumbersTest {
    @Test
    void valuesUseTheShortestRoundTripDecimal() {
        assertThat(PromNumbers.formatValue(1)).isEqualTo("1");
        assertThat(PromNumbers.formatValue(-42)).isEqualTo("-42");
        assertThat(PromNumbers.formatValue(0.1)).isEqualTo("0.1");
        assertThat(PromNumbers.formatValue(0.1 + 0.2)).isEqualTo("0.30000000000000004");
        assertThat(PromNumbers.formatValue(1.0 / 3)).isEqualTo("0.3333333333333333");
        assertThat(PromNumbers.formatValue(2.5e-6)).isEqualTo("0.0000025");
        assertThat(PromNumbers.formatValue(123456789012345678.0)).isEqualTo("123456789012345680");
        assertThat(PromNumbers.formatValue(1e20)).isEqualTo("100000000000000000000");
        assertThat(PromNumbers.formatValue(Double.MIN_NORMAL * 0 + 0.0)).isEqualTo("0");
        assertThat(PromNumbers.formatValue(-0.0)).isEqualTo("-0");
        for (double v : new double[] {0.1, 1.0 / 3, 2.5e-6, 1e-7, 1.7976931348623157e308, 4.9e-324, 9007199254740993.0}) {
            assertThat(Double.parseDouble(PromNumbers.formatValue(v))).as("round trip of %s", v).isEqualTo(v);
        }
    }

    @Test
    void tinyAndHugeMagnitudesUseGoExponentNotation() {
        assertThat(PromNumbers.formatValue(1e21)).isEqualTo("1e+21");
        assertThat(PromNumbers.formatValue(1.5e-7)).isEqualTo("1.5e-07");
        assertThat(PromNumbers.formatValue(-1.25e300)).isEqualTo("-1.25e+300");
        assertThat(PromNumbers.formatValue(Double.MAX_VALUE)).isEqualTo("1.7976931348623157e+308");
        assertThat(PromNumbers.formatValue(Double.MIN_VALUE)).isEqualTo("5e-324");
    }

    @Test
    void specialValuesAreSpelledAsInPrometheus() {
        assertThat(PromNumbers.formatValue(Double.NaN)).isEqualTo("NaN");
        assertThat(PromNumbers.formatValue(Double.POSITIVE_INFINITY)).isEqualTo("+Inf");
        assertThat(PromNumbers.formatValue(Double.NEGATIVE_INFINITY)).isEqualTo("-Inf");
    }

    @Test
    void timestampsAreSecondsWithThreeDecimalsWhenNotWhole() {
        assertThat(PromNumbers.formatTimestamp(1_435_781_451_781L)).isEqualTo("1435781451.781");
        assertThat(PromNumbers.formatTimestamp(1_435_781_451_000L)).isEqualTo("1435781451");
        assertThat(PromNumbers.formatTimestamp(1_500)).isEqualTo("1.500");
        assertThat(PromNumbers.formatTimestamp(1_005)).isEqualTo("1.005");
        assertThat(PromNumbers.formatTimestamp(-1_050)).isEqualTo("-1.050");
        assertThat(PromNumbers.formatTimestamp(0)).isEqualTo("0");
    }
}

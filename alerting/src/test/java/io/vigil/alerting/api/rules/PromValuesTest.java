package io.vigil.alerting.api.rules;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Alert values read as Prometheus writes them (Go's 'e' format, shortest digits). */
class PromValuesTest {
    @Test
    void formatsLikeGo() {
        assertThat(PromValues.format(1)).isEqualTo("1e+00");
        assertThat(PromValues.format(0)).isEqualTo("0e+00");
        assertThat(PromValues.format(0.25)).isEqualTo("2.5e-01");
        assertThat(PromValues.format(123.4)).isEqualTo("1.234e+02");
        assertThat(PromValues.format(-1.5e-7)).isEqualTo("-1.5e-07");
        assertThat(PromValues.format(1e300)).isEqualTo("1e+300");
        assertThat(PromValues.format(1767225600)).isEqualTo("1.7672256e+09");
        assertThat(PromValues.format(Double.NaN)).isEqualTo("NaN");
        assertThat(PromValues.format(Double.POSITIVE_INFINITY)).isEqualTo("+Inf");
        assertThat(PromValues.format(Double.NEGATIVE_INFINITY)).isEqualTo("-Inf");
    }
}

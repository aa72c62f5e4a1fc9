package io.vigil.alerting.template;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Alert values (/api/v1/alerts) read as Prometheus writes them (Go's 'e' format, shortest digits). */
class AlertValueFormatTest {
    private static String e(double v) {
        return GoFormat.formatFloat(v, 'e', -1);
    }

    @Test
    void formatsLikeGo() {
        assertThat(e(1)).isEqualTo("1e+00");
        assertThat(e(0)).isEqualTo("0e+00");
        assertThat(e(0.25)).isEqualTo("2.5e-01");
        assertThat(e(123.4)).isEqualTo("1.234e+02");
        assertThat(e(-1.5e-7)).isEqualTo("-1.5e-07");
        assertThat(e(1e300)).isEqualTo("1e+300");
        assertThat(e(1767225600)).isEqualTo("1.7672256e+09");
        assertThat(e(Double.NaN)).isEqualTo("NaN");
        assertThat(e(Double.POSITIVE_INFINITY)).isEqualTo("+Inf");
        assertThat(e(Double.NEGATIVE_INFINITY)).isEqualTo("-Inf");
    }
}

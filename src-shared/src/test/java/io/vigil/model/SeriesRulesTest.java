package io.vigil.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SeriesRulesTest {

    @Test
    void acceptsPrometheusNamesAndDottedNames() {
        assertThat(SeriesRules.checkMetricName("cpu.load")).isNull();
        assertThat(SeriesRules.checkMetricName("http_requests_total")).isNull();
        assertThat(SeriesRules.checkMetricName("job:rate5m")).isNull();
        assertThat(SeriesRules.checkLabelName("host")).isNull();
    }

    @Test
    void refusesBadNamesWithTheReason() {
        assertThat(SeriesRules.checkMetricName("")).isEqualTo("metric name is missing");
        assertThat(SeriesRules.checkMetricName("9lives")).contains("invalid character at position 0");
        assertThat(SeriesRules.checkMetricName("cpu load")).contains("position 3");
        assertThat(SeriesRules.checkMetricName("x".repeat(300))).contains("longer than 256");
        assertThat(SeriesRules.checkLabelName("__name__")).contains("reserved");
        assertThat(SeriesRules.checkLabelName("host-name")).contains("position 4");
        assertThat(SeriesRules.checkLabelValue("host", "")).contains("empty value");
        assertThat(SeriesRules.checkLabelValue("host", "v".repeat(3000))).contains("longer than 2048");
        assertThat(SeriesRules.checkLabelValue("host", "a\u0000b")).contains("NUL character");
    }

    @Test
    void refusesNonFiniteValuesAndTimesOutsideTheWindow() {
        assertThat(SeriesRules.checkValue(Double.NaN)).contains("not a finite number");
        assertThat(SeriesRules.checkValue(Double.POSITIVE_INFINITY)).contains("not a finite number");
        assertThat(SeriesRules.checkValue(0.29)).isNull();
        long now = 1_700_000_000_000L;
        assertThat(SeriesRules.checkTimestamp(now, now, 3_600_000, 600_000)).isNull();
        assertThat(SeriesRules.checkTimestamp(now + 601_000, now, 3_600_000, 600_000)).contains("in the future");
        assertThat(SeriesRules.checkTimestamp(now - 3_601_000, now, 3_600_000, 600_000)).contains("older than");
    }
}

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

    @Test
    void byteChecksAgreeWithTheStringChecks() {
        String[] metricNames = {"cpu.load", "http_requests_total", "job:rate5m", "", "9lives", "cpu load", ".x", "x".repeat(256),
            "x".repeat(257), "caf\u00e9", "a-b", "_", ":"};
        for (String name : metricNames) {
            byte[] b = name.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            assertThat(SeriesRules.isValidMetricName(b, 0, b.length)).as(name).isEqualTo(SeriesRules.checkMetricName(name) == null);
        }
        String[] labelNames = {"host", "__name__", "_x", "__", "9a", "a9", "host-name", "x".repeat(128), "x".repeat(129), "h\u00f6st"};
        for (String name : labelNames) {
            byte[] b = name.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            assertThat(SeriesRules.isValidLabelName(b, 0, b.length)).as(name).isEqualTo(SeriesRules.checkLabelName(name) == null);
        }
        String[] values = {"i631", "", "a\u0000b", "v".repeat(2048), "v".repeat(2049), "\u00e9".repeat(2048), "\u00e9".repeat(2049),
            "\ud83d\ude00".repeat(1024), "\ud83d\ude00".repeat(1025), "r\u00e9gion \u6771\u4eac"};
        for (String value : values) {
            byte[] b = value.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            assertThat(SeriesRules.isValidLabelValue(b, 0, b.length)).as(value).isEqualTo(SeriesRules.checkLabelValue("k", value) == null);
        }
    }

    @Test
    void malformedUtf8LabelValuesAreRefused() {
        byte[][] bad = {
            {(byte) 0xC3},                                   // cut sequence
            {(byte) 0xC0, (byte) 0xAF},                      // overlong '/'
            {(byte) 0xED, (byte) 0xA0, (byte) 0x80},         // UTF-16 surrogate
            {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, // past U+10FFFF
            {'a', (byte) 0x80, 'b'},                         // stray continuation byte
            {(byte) 0xFF},
        };
        for (byte[] b : bad) {
            assertThat(SeriesRules.isValidLabelValue(b, 0, b.length)).isFalse();
            assertThat(SeriesRules.checkLabelValue("host", b, 0, b.length)).contains("not valid UTF-8");
        }
    }
}

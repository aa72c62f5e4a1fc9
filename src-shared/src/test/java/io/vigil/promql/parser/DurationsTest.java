package io.vigil.promql.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.promql.ast.PromqlText;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DurationsTest {

    @ParameterizedTest(name = "{0} = {1} ms")
    @CsvSource({
            "1h30m, 5400000", "5m, 300000", "100ms, 100", "1y, 31536000000", "2w, 1209600000", "1d, 86400000",
            "1s, 1000", "0s, 0", "0, 0", "90s, 90000", "1y2w3d4h5m6s7ms, 33019506007", "1m500ms, 60500"})
    void validDurations(String text, long millis) {
        assertThat(PromqlParser.parseDuration(text)).isEqualTo(millis);
    }

    @ParameterizedTest(name = "{0} prints as {1}")
    @CsvSource({"5400000, 1h30m", "90000, 1m30s", "604800000, 1w", "31536000000, 1y", "1500, 1s500ms", "0, 0s"})
    void canonicalText(long millis, String text) {
        assertThat(PromqlText.formatDuration(millis)).isEqualTo(text);
        assertThat(PromqlParser.parseDuration(text)).isEqualTo(millis);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "''             | empty duration string",
            "5              | not a valid duration string: \"5\"",
            "5m1h           | not a valid duration string: \"5m1h\"",
            "1h1h           | not a valid duration string: \"1h1h\"",
            "1.5h           | not a valid duration string: \"1.5h\"",
            "-5m            | not a valid duration string: \"-5m\"",
            "5M             | not a valid duration string: \"5M\"",
            "5 m            | not a valid duration string: \"5 m\"",
            "m              | not a valid duration string: \"m\"",
            "293y           | duration out of range: \"293y\"",
            "99999999999999999999s | duration out of range: \"99999999999999999999s\""})
    void invalidDurations(String text, String reason) {
        assertThatThrownBy(() -> PromqlParser.parseDuration(text))
                .isInstanceOfSatisfying(PromqlParseException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }
}

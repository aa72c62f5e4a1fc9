package io.vigil.query.range;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RangeRequestTest {
    private static final int LIMITS = 11_000;

    private static RangeRequest parse(String metric, List<String> match, String start, String end, String step, String agg,
            List<String> by) {
        return RangeRequest.parse(metric, match, start, end, step, agg, by, LIMITS);
    }

    @Test
    void parsesSecondsRfc3339DurationsAndGrouping() {
        RangeRequest r = parse("cpu.load", List.of("host:i631", "env:prod"), "1613707200", "2021-02-19T05:00:00+01:00",
                "1m", "MAX", List.of("region,zone", "dc"));
        assertThat(r.matchers()).isEqualTo(Map.of("host", "i631", "env", "prod"));
        assertThat(r.startMillis()).isEqualTo(1_613_707_200_000L);
        assertThat(r.endMillis()).isEqualTo(1_613_707_200_000L);
        assertThat(r.stepMillis()).isEqualTo(60_000);
        assertThat(r.aggregation()).isEqualTo(Aggregation.MAX);
        assertThat(r.by()).containsExactly("dc", "region", "zone");
        assertThat(parse("m", null, "0.5", "10", "250ms", null, null).stepMillis()).isEqualTo(250);
        assertThat(parse("m", null, "0", "10", "0.5", null, null).stepMillis()).isEqualTo(500);
        assertThat(parse("m", List.of("url:http://x"), "0", "10", "2h", "count", null).matchers())
                .containsEntry("url", "http://x");
    }

    @Test
    void badQueriesSayWhatIsWrong() {
        assertThatThrownBy(() -> parse(null, null, "0", "1", "1", null, null)).hasMessageContaining("metric is missing");
        assertThatThrownBy(() -> parse("cpu load", null, "0", "1", "1", null, null)).hasMessageContaining("invalid character");
        assertThatThrownBy(() -> parse("m", List.of("host"), "0", "1", "1", null, null)).hasMessageContaining("not label:value");
        assertThatThrownBy(() -> parse("m", List.of("a:1", "a:2"), "0", "1", "1", null, null)).hasMessageContaining("twice");
        assertThatThrownBy(() -> parse("m", null, "yesterday", "1", "1", null, null))
                .hasMessageContaining("start \"yesterday\" is neither Unix seconds nor an RFC 3339 time");
        assertThatThrownBy(() -> parse("m", null, "0", null, "1", null, null)).hasMessageContaining("end is missing");
        assertThatThrownBy(() -> parse("m", null, "10", "1", "1", null, null)).hasMessageContaining("end is before start");
        assertThatThrownBy(() -> parse("m", null, "0", "1", "0", null, null)).hasMessageContaining("step must be positive");
        assertThatThrownBy(() -> parse("m", null, "0", "1", "fast", null, null)).hasMessageContaining("not a duration");
        assertThatThrownBy(() -> parse("m", null, "0", "1", "1", "median", null)).hasMessageContaining("not one of avg");
        assertThatThrownBy(() -> parse("m", null, "0", "1e300", "1", null, null)).isInstanceOf(BadRequestException.class);
    }

    @Test
    void tooManyPointsIsALimitNotAMistake() {
        assertThatThrownBy(() -> parse("m", null, "0", "86400", "1", null, null))
                .isInstanceOf(LimitExceededException.class).hasMessageContaining("86401 points per series");
    }
}

package io.vigil.query.range;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class RangeEngineTest {

    private static RangeRequest request(Map<String, String> matchers, List<String> by) {
        return new RangeRequest("cpu.load", new TreeMap<>(matchers), 0, 3_600_000, 60_000, Aggregation.AVG, by);
    }

    @Test
    void differentQueriesNeverShareACacheKey() {
        // Rendered naively ({a=1, b=2}) these two would be the same string.
        String one = RangeEngine.normalized(request(Map.of("a", "1, b=2"), List.of()), "1m", 60_000, 0, 3_600_000);
        String two = RangeEngine.normalized(request(Map.of("a", "1", "b", "2"), List.of()), "1m", 60_000, 0, 3_600_000);
        assertThat(one).isNotEqualTo(two);
        String byOne = RangeEngine.normalized(request(Map.of(), List.of("a,b")), "1m", 60_000, 0, 3_600_000);
        String byTwo = RangeEngine.normalized(request(Map.of(), List.of("a", "b")), "1m", 60_000, 0, 3_600_000);
        assertThat(byOne).isNotEqualTo(byTwo);
        assertThat(RangeEngine.normalized(request(Map.of(), List.of()), "1m", 60_000, 0, 3_600_000))
                .isNotEqualTo(RangeEngine.normalized(request(Map.of(), List.of()), "raw", 60_000, 0, 3_600_000));
    }

    @Test
    void theSameQueryAlwaysHasTheSameKey() {
        assertThat(RangeEngine.normalized(request(Map.of("host", "a", "env", "prod"), List.of("region")), "1h", 3_600_000, 0, 7_200_000))
                .isEqualTo(RangeEngine.normalized(request(Map.of("env", "prod", "host", "a"), List.of("region")), "1h", 3_600_000, 0,
                        7_200_000));
    }

    @Test
    void wholeSecondsAreIntegralInAnswers() {
        assertThat(RangeEngine.seconds(1_613_707_260_000L)).isEqualTo(1_613_707_260L);
        assertThat(RangeEngine.seconds(500)).isEqualTo(0.5);
    }
}

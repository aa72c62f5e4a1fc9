package io.vigil.alerting.manager.silence;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.alerting.manager.match.MatcherParser;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SilenceValidatorTest {
    private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");

    private static List<String> problems(String matchers, Instant start, Instant end, String by, String comment) {
        return SilenceValidator.problems(new Silence(null, matchers.isEmpty() ? List.of() : MatcherParser.parseList(matchers),
                start, end, by, comment, NOW), NOW);
    }

    @Test
    void aGoodSilencePasses() {
        assertThat(problems("alertname=X", NOW, NOW.plusSeconds(3600), "ann", "maintenance")).isEmpty();
    }

    @Test
    void eachProblemHasItsReason() {
        assertThat(problems("", NOW, NOW.plusSeconds(60), "a", "c")).containsExactly("a silence needs at least one matcher");
        assertThat(problems("foo=~\".*\"", NOW, NOW.plusSeconds(60), "a", "c"))
                .containsExactly("at least one matcher must not match the empty string (this silence would mute every alert)");
        assertThat(problems("foo=~\".*\",bar=\"x\"", NOW, NOW.plusSeconds(60), "a", "c")).isEmpty();
        assertThat(problems("a=b", NOW, NOW, "a", "c")).containsExactly("endsAt must be after startsAt");
        assertThat(problems("a=b", NOW.minusSeconds(20), NOW.minusSeconds(10), "a", "c")).containsExactly("endsAt is in the past");
        assertThat(problems("a=b", NOW, NOW.plusSeconds(60), " ", null)).containsExactly("createdBy is required", "comment is required");
        assertThat(problems("a=b", NOW, NOW.plusSeconds(60), "a", "c".repeat(5000))).containsExactly("comment is longer than 4096 characters");
        assertThat(problems("a=\"" + "v".repeat(1025) + "\"", NOW, NOW.plusSeconds(60), "a", "c"))
                .containsExactly("matcher a: value longer than 1024 characters");
    }
}

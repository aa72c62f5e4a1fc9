package io.vigil.alerting.manager.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MatcherParserTest {
    @Test
    void parsesEveryOperatorQuotedAndUnquoted() {
        assertThat(MatcherParser.parseOne("alertname=\"X\"")).isEqualTo(Matcher.of("alertname", Matcher.Type.EQUAL, "X"));
        assertThat(MatcherParser.parseOne("severity=~\"crit|page\"")).isEqualTo(Matcher.of("severity", Matcher.Type.REGEX, "crit|page"));
        assertThat(MatcherParser.parseOne("team!=a")).isEqualTo(Matcher.of("team", Matcher.Type.NOT_EQUAL, "a"));
        assertThat(MatcherParser.parseOne("env !~ \"dev.*\"")).isEqualTo(Matcher.of("env", Matcher.Type.NOT_REGEX, "dev.*"));
        assertThat(MatcherParser.parseOne("msg=\"say \\\"hi\\\", ok\"").value()).isEqualTo("say \"hi\", ok");
    }

    @Test
    void parsesListsWithAndWithoutBraces() {
        List<Matcher> expected = List.of(Matcher.of("a", Matcher.Type.EQUAL, "1"), Matcher.of("b", Matcher.Type.REGEX, "2|3"));
        assertThat(MatcherParser.parseList("{a=\"1\", b=~\"2|3\"}")).isEqualTo(expected);
        assertThat(MatcherParser.parseList("a=1,b=~2|3")).isEqualTo(expected);
        assertThat(MatcherParser.parseList("{}")).isEmpty();
    }

    @Test
    void regexesAreAnchoredAndMissingLabelsAreEmpty() {
        Matcher crit = MatcherParser.parseOne("severity=~\"crit\"");
        assertThat(crit.matches(Map.of("severity", "crit"))).isTrue();
        assertThat(crit.matches(Map.of("severity", "critical"))).isFalse();
        assertThat(MatcherParser.parseOne("team!=\"a\"").matches(Map.of())).isTrue();
        assertThat(MatcherParser.parseOne("team=\"\"").matches(Map.of())).isTrue();
    }

    @Test
    void refusesMalformedMatchersWithTheReason() {
        assertThatThrownBy(() -> MatcherParser.parseOne("alertname")).hasMessage("expected an operator (=, !=, =~, !~) at position 10 of alertname");
        assertThatThrownBy(() -> MatcherParser.parseOne("=\"x\"")).hasMessage("expected a label name at position 1 of =\"x\"");
        assertThatThrownBy(() -> MatcherParser.parseOne("a=\"x")).hasMessage("unterminated quoted value at position 5 of a=\"x");
        assertThatThrownBy(() -> MatcherParser.parseOne("a=~\"(\"")).hasMessageStartingWith("invalid regular expression \"(\"");
        assertThatThrownBy(() -> MatcherParser.parseList("{a=1")).hasMessage("missing closing '}' in {a=1");
        assertThatThrownBy(() -> MatcherParser.parseOne("1a=b")).hasMessage("label name \"1a\" must not start with a digit at position 3 of 1a=b");
        assertThatThrownBy(() -> MatcherParser.parseList("a=" + "x".repeat(10_001))).hasMessageContaining("longer than 10000 characters");
    }
}

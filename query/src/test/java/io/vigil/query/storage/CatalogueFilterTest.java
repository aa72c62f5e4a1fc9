package io.vigil.query.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.promql.ast.LabelMatcher;
import io.vigil.promql.ast.LabelMatcher.MatchType;
import java.util.List;
import org.junit.jupiter.api.Test;

class CatalogueFilterTest {
    private static CatalogueFilter filter(LabelMatcher... matchers) {
        return CatalogueFilter.of(CompiledSelector.compile(List.of(matchers)));
    }

    private static LabelMatcher m(String name, MatchType type, String value) {
        return new LabelMatcher(name, type, value);
    }

    @Test
    void equalityMatchersGoToTheIndexes() {
        CatalogueFilter f = filter(m("__name__", MatchType.EQUAL, "up"), m("job", MatchType.EQUAL, "api"),
                m("env", MatchType.EQUAL, "prod"));
        assertThat(f.where()).contains("metric_name = ?").contains("labels @> jsonb_build_object(?::text, ?::text, ?::text, ?::text)");
        assertThat(f.params()).containsExactly("up", "job", "api", "env", "prod");
        assertThat(f.exact()).isTrue();
    }

    @Test
    void literalRegexesArePushedDownExactly() {
        CatalogueFilter f = filter(m("job", MatchType.REGEX, "api|web"), m("path", MatchType.REGEX, "/v1/.*"),
                m("code", MatchType.NOT_REGEX, "5\\.\\.|4xx"));
        assertThat(f.where()).contains("(labels @> jsonb_build_object(?::text, ?::text) OR labels @> jsonb_build_object(?::text, ?::text))")
                .contains("starts_with(coalesce(labels->>?, ''), ?)").contains("coalesce(labels->>?, '') <> ALL(?)");
        assertThat(f.params()).contains("/v1/").contains("job", "api", "web");
        assertThat(f.exact()).isTrue();
    }

    @Test
    void otherRegexesOnlyRequireTheLabelWhenTheyRefuseTheEmptyValue() {
        CatalogueFilter f = filter(m("job", MatchType.REGEX, "a.+z"));
        assertThat(f.where()).isEqualTo("TRUE AND coalesce(labels->>?, '') <> ?");
        assertThat(f.params()).containsExactly("job", "");
        assertThat(f.exact()).isFalse();
        CatalogueFilter g = filter(m("__name__", MatchType.EQUAL, "up"), m("job", MatchType.REGEX, "(a.+z)?"));
        assertThat(g.where()).isEqualTo("TRUE AND metric_name = ?");
        assertThat(g.exact()).isFalse();
    }

    @Test
    void literalAlternativesIncludingTheEmptyValueKeepAbsentLabels() {
        CatalogueFilter f = filter(m("__name__", MatchType.EQUAL, "up"), m("job", MatchType.REGEX, "api|"));
        assertThat(f.where()).contains("coalesce(labels->>?, '') = ANY(?)");
        assertThat(f.exact()).isTrue();
    }

    @Test
    void regexPrefilterRecognisesOnlyPlainLiterals() {
        assertThat(RegexPrefilter.analyze("a|b")).isEqualTo(new RegexPrefilter.Values(List.of("a", "b")));
        assertThat(RegexPrefilter.analyze("a\\.b")).isEqualTo(new RegexPrefilter.Values(List.of("a.b")));
        assertThat(RegexPrefilter.analyze("api-.*")).isEqualTo(new RegexPrefilter.Prefix("api-"));
        assertThat(RegexPrefilter.analyze("a\\.*")).isNull();
        assertThat(RegexPrefilter.analyze("a|b.*")).isNull();
        assertThat(RegexPrefilter.analyze("\\d+")).isNull();
        assertThat(RegexPrefilter.analyze("(?i)a")).isNull();
        assertThat(RegexPrefilter.analyze("a^b")).isNull();
        assertThat(RegexPrefilter.analyze("a\\")).isNull();
    }
}

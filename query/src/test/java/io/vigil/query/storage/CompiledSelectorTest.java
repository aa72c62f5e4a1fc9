package io.vigil.query.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.promql.ast.LabelMatcher;
import io.vigil.promql.ast.LabelMatcher.MatchType;
import io.vigil.query.promql.LabelSet;
import io.vigil.query.promql.QueryContext;
import io.vigil.query.promql.QueryException;
import io.vigil.query.promql.QueryLimits;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class CompiledSelectorTest {
    private static final LabelSet SERIES = LabelSet.of("__name__", "http_requests_total", "job", "api-server",
            "path", "/a\nb", "code", "200");

    private static boolean matches(String name, MatchType type, String value) {
        CompiledSelector s = CompiledSelector.compile(List.of(new LabelMatcher("__name__", MatchType.EQUAL,
                "http_requests_total"), new LabelMatcher(name, type, value)));
        return s.matches(SERIES, new DeadlineText(new QueryContext(QueryLimits.DEFAULT)));
    }

    private static QueryException refused(LabelMatcher... matchers) {
        try {
            CompiledSelector.compile(List.of(matchers));
        } catch (QueryException e) {
            return e;
        }
        throw new AssertionError("accepted " + List.of(matchers));
    }

    @Test
    void regexesMatchTheWholeValueAndDotMatchesNewline() {
        assertThat(matches("job", MatchType.REGEX, "api")).isFalse();
        assertThat(matches("job", MatchType.REGEX, "api.*")).isTrue();
        assertThat(matches("job", MatchType.REGEX, ".*server")).isTrue();
        assertThat(matches("job", MatchType.REGEX, "api|api-server")).isTrue();
        assertThat(matches("path", MatchType.REGEX, "/a.b")).isTrue();
        assertThat(matches("job", MatchType.NOT_REGEX, "api")).isTrue();
        assertThat(matches("code", MatchType.REGEX, "2..")).isTrue();
        assertThat(matches("code", MatchType.REGEX, "2")).isFalse();
    }

    @Test
    void anAbsentLabelHasTheEmptyValue() {
        assertThat(matches("missing", MatchType.EQUAL, "")).isTrue();
        assertThat(matches("missing", MatchType.NOT_EQUAL, "")).isFalse();
        assertThat(matches("job", MatchType.EQUAL, "")).isFalse();
        assertThat(matches("job", MatchType.NOT_EQUAL, "")).isTrue();
        assertThat(matches("missing", MatchType.REGEX, "a|")).isTrue();
        assertThat(matches("missing", MatchType.REGEX, ".+")).isFalse();
        assertThat(matches("missing", MatchType.NOT_REGEX, ".*")).isFalse();
        assertThat(matches("missing", MatchType.NOT_EQUAL, "x")).isTrue();
    }

    @Test
    void re2SpellingsMeanWhatTheyMeanInPrometheus() {
        assertThat(matches("job", MatchType.REGEX, "[[:alpha:]]+-[[:alpha:]]+")).isTrue();
        assertThat(matches("code", MatchType.REGEX, "[[:^alpha:]]+")).isTrue();
        assertThat(matches("job", MatchType.REGEX, "(?P<svc>api)-server")).isTrue();
        // '[' and '&' are literal inside an RE2 class
        assertThat(CompiledSelector.compileRegex("[[a]+").matcher("[a[").matches()).isTrue();
        assertThat(CompiledSelector.compileRegex("[a&&b]+").matcher("a&&b").matches()).isTrue();
        assertThat(CompiledSelector.compileRegex("a\\vb").matcher("a\u000Bb").matches()).isTrue();
        assertThat(CompiledSelector.compileRegex("a\\vb").matcher("a\nb").matches()).isFalse();
        assertThat(CompiledSelector.compileRegex("\\Q[x]\\E.*").matcher("[x]yz").matches()).isTrue();
        assertThat(CompiledSelector.compileRegex("(?i)API.*").matcher("api-server").matches()).isTrue();
    }

    @Test
    void javaOnlyRegexFeaturesAreRefusedAsPrometheusRefusesThem() {
        for (String re : new String[] {"(a)\\1", "(?<n>a)\\k<n>", "a(?=b)", "a(?!b)", "(?<=a)b", "(?<!a)b", "(?>a)",
                "a*+", "a++", "a?+", "a{2}+", "(?U)a*"}) {
            assertThatThrownBy(() -> CompiledSelector.compileRegex(re)).as(re).isInstanceOf(QueryException.class)
                    .hasMessageContaining("not supported").extracting(e -> ((QueryException) e).kind())
                    .isEqualTo(QueryException.Kind.BAD_DATA);
        }
        // the same characters where they are not those constructs are fine
        assertThat(CompiledSelector.compileRegex("[*+]+").matcher("*+").matches()).isTrue();
        assertThat(CompiledSelector.compileRegex("x}+").matcher("x}}").matches()).isTrue();
        assertThat(CompiledSelector.compileRegex("a+?").matcher("aa").matches()).isTrue();
    }

    @Test
    void malformedAndOversizedRegexesAreBadData() {
        for (String re : new String[] {"(", "a)|(b", "[a", "*", "a{2,1}"}) {
            assertThatThrownBy(() -> CompiledSelector.compileRegex(re)).as(re).isInstanceOf(QueryException.class)
                    .hasMessageContaining("invalid regular expression");
        }
        assertThatThrownBy(() -> CompiledSelector.compileRegex("a".repeat(CompiledSelector.MAX_REGEX_LENGTH + 1)))
                .hasMessageContaining("longer than the limit");
    }

    @Test
    void aSelectorOfOnlyEmptyMatchingMatchersIsRefused() {
        assertThat(refused().kind()).isEqualTo(QueryException.Kind.BAD_DATA);
        QueryException e = refused(new LabelMatcher("job", MatchType.REGEX, ".*"),
                new LabelMatcher("env", MatchType.EQUAL, ""), new LabelMatcher("x", MatchType.NOT_EQUAL, "y"),
                new LabelMatcher("z", MatchType.NOT_REGEX, ".+"));
        assertThat(e.kind()).isEqualTo(QueryException.Kind.BAD_DATA);
        assertThat(e.getMessage()).contains("at least one non-empty matcher")
                .contains("{job=~\".*\", env=\"\", x!=\"y\", z!~\".+\"}");
        // one matcher that refuses "" is enough
        CompiledSelector.compile(List.of(new LabelMatcher("job", MatchType.REGEX, ".+")));
        CompiledSelector.compile(List.of(new LabelMatcher("job", MatchType.NOT_EQUAL, "")));
    }

    @Test
    void catastrophicBacktrackingStopsAtTheDeadline() {
        CompiledSelector s = CompiledSelector.compile(List.of(new LabelMatcher("v", MatchType.REGEX, "(.*a){16}")));
        // java.util.regex memoizes simple nested loops, not this: about 20 s for 30 characters unchecked
        LabelSet hostile = LabelSet.of("__name__", "m", "v", "a".repeat(40) + "c");
        QueryContext context = new QueryContext(new QueryLimits(10, 10, 10, Duration.ofMillis(200)));
        assertThatThrownBy(() -> s.matches(hostile, new DeadlineText(context))).isInstanceOf(QueryException.class)
                .extracting(e -> ((QueryException) e).kind()).isEqualTo(QueryException.Kind.TIMEOUT);
    }
}

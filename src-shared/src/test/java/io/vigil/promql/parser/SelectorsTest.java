package io.vigil.promql.parser;

import static io.vigil.promql.parser.ParseErrors.assertError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.promql.ast.AtModifier;
import io.vigil.promql.ast.LabelMatcher;
import io.vigil.promql.ast.LabelMatcher.MatchType;
import io.vigil.promql.ast.MatrixSelector;
import io.vigil.promql.ast.Subquery;
import io.vigil.promql.ast.VectorSelector;
import java.util.List;
import org.junit.jupiter.api.Test;

class SelectorsTest {

    private static LabelMatcher m(String name, MatchType type, String value) {
        return new LabelMatcher(name, type, value);
    }

    private static LabelMatcher name(String value) {
        return m(LabelMatcher.METRIC_NAME, MatchType.EQUAL, value);
    }

    @Test
    void allFourMatchTypes() {
        VectorSelector v = (VectorSelector) PromqlParser.parse("http_requests_total{a=\"1\", b!=\"2\", c=~\"3.*\", d!~'4'}");
        assertThat(v.name()).isEqualTo("http_requests_total");
        assertThat(v.matchers()).containsExactly(name("http_requests_total"), m("a", MatchType.EQUAL, "1"),
                m("b", MatchType.NOT_EQUAL, "2"), m("c", MatchType.REGEX, "3.*"), m("d", MatchType.NOT_REGEX, "4"));
    }

    @Test
    void metricNamesWithColonsAndKeywords() {
        assertThat(((VectorSelector) PromqlParser.parse("job:rate5m:sum")).name()).isEqualTo("job:rate5m:sum");
        for (String keyword : List.of("sum", "by", "without", "offset", "and", "or", "unless", "start", "end", "topk")) {
            assertThat(((VectorSelector) PromqlParser.parse(keyword)).name()).isEqualTo(keyword);
        }
        VectorSelector v = (VectorSelector) PromqlParser.parse("x{on=\"1\", by=\"2\", offset=\"3\", bool=\"4\", ignoring=\"5\"}");
        assertThat(v.matchers()).extracting(LabelMatcher::name).containsExactly("__name__", "on", "by", "offset", "bool", "ignoring");
    }

    @Test
    void utf8QuotedMetricAndLabelNames() {
        VectorSelector v = (VectorSelector) PromqlParser.parse("{\"cpu.load\", host=\"i631\"}");
        assertThat(v.name()).isEqualTo("cpu.load");
        assertThat(v.matchers()).containsExactly(name("cpu.load"), m("host", MatchType.EQUAL, "i631"));
        assertThat(v.toString()).isEqualTo("{\"cpu.load\", host=\"i631\"}");

        VectorSelector label = (VectorSelector) PromqlParser.parse("{\"my.label\"=\"x\"}");
        assertThat(label.name()).isNull();
        assertThat(label.matchers()).containsExactly(m("my.label", MatchType.EQUAL, "x"));
        assertThat(label.toString()).isEqualTo("{\"my.label\"=\"x\"}");

        // A quoted classic name prints bare; the name matcher always comes first.
        assertThat(PromqlParser.parse("{job=\"a\", \"up\"}").toString()).isEqualTo("up{job=\"a\"}");
        assertThat(PromqlParser.parse("{'on'}").toString()).isEqualTo("{\"on\"}");
    }

    @Test
    void nameOnlyViaNameMatcherKeepsItsForm() {
        VectorSelector v = (VectorSelector) PromqlParser.parse("{__name__=~\"up|down\"}");
        assertThat(v.name()).isNull();
        assertThat(v.toString()).isEqualTo("{__name__=~\"up|down\"}");
    }

    @Test
    void offsetAndAtInEitherOrder() {
        VectorSelector a = (VectorSelector) PromqlParser.parse("x offset 5m @ 100");
        VectorSelector b = (VectorSelector) PromqlParser.parse("x @ 100 offset 5m");
        assertThat(a).isEqualTo(b);
        assertThat(a.offsetMillis()).isEqualTo(300_000);
        assertThat(a.at()).isEqualTo(AtModifier.at(100_000));
        assertThat(((VectorSelector) PromqlParser.parse("x offset -1h")).offsetMillis()).isEqualTo(-3_600_000);
        assertThat(((VectorSelector) PromqlParser.parse("x OFFSET 90")).offsetMillis()).isEqualTo(90_000);
        assertThat(((VectorSelector) PromqlParser.parse("x @ 1609746000.123")).at()).isEqualTo(AtModifier.at(1_609_746_000_123L));
        assertThat(((VectorSelector) PromqlParser.parse("x @ -1.5")).at()).isEqualTo(AtModifier.at(-1500));
        assertThat(((VectorSelector) PromqlParser.parse("x @ start()")).at().kind()).isEqualTo(AtModifier.Kind.START);
        assertThat(((VectorSelector) PromqlParser.parse("x @ END()")).at().kind()).isEqualTo(AtModifier.Kind.END);
    }

    @Test
    void rangesAndSubqueries() {
        MatrixSelector m = (MatrixSelector) PromqlParser.parse("x[5m] offset 1m @ 10");
        assertThat(m.rangeMillis()).isEqualTo(300_000);
        assertThat(m.selector().offsetMillis()).isEqualTo(60_000);
        assertThat(m.selector().at()).isEqualTo(AtModifier.at(10_000));
        assertThat(((MatrixSelector) PromqlParser.parse("x[90]")).rangeMillis()).isEqualTo(90_000);
        assertThat(((MatrixSelector) PromqlParser.parse("x[1.5]")).rangeMillis()).isEqualTo(1_500);

        Subquery s = (Subquery) PromqlParser.parse("rate(x[5m])[1h:30s] offset 5m @ end()");
        assertThat(s.rangeMillis()).isEqualTo(3_600_000);
        assertThat(s.stepMillis()).isEqualTo(30_000);
        assertThat(s.offsetMillis()).isEqualTo(300_000);
        assertThat(s.at().kind()).isEqualTo(AtModifier.Kind.END);
        assertThat(((Subquery) PromqlParser.parse("x[1h:]")).stepMillis()).isZero();
    }

    @Test
    void selectorErrors() {
        assertError("foo{bar=~}", 9, "unexpected \"}\" in label matching, expected string");
        assertError("x{a=\"1\" b=\"2\"}", 8, "unexpected identifier \"b\" in label matching, expected \",\" or \"}\"");
        assertError("x{a}", 3, "unexpected \"}\" in label matching, expected label matching operator");
        assertError("x{a==\"1\"}", 3, "unexpected \"==\" in label matching, expected label matching operator");
        assertError("x{,}", 2, "unexpected \",\" in label matching, expected identifier or \"}\"");
        assertError("x{a:b=\"1\"}", 2, "unexpected identifier \"a:b\" in label matching, expected identifier or \"}\"");
        assertError("{}", 0, "vector selector must contain at least one non-empty matcher");
        assertError("{a=\"\"}", 0, "vector selector must contain at least one non-empty matcher");
        assertError("{a=~\".*\", b!~\".+\"}", 0, "vector selector must contain at least one non-empty matcher");
        assertThat(PromqlParser.parse("{a=~\"(?P<x>b)c\"}").toString()).isEqualTo("{a=~\"(?P<x>b)c\"}");
        assertError("{a=~\"(\"}", 4, "invalid regular expression \"(\": Unclosed group");
        assertError("x{\"\"=\"a\"}", 2, "label name must not be empty");
        assertError("{\"\"}", 1, "metric name must not be empty");
        assertError("foo{\"bar\"}", 4, "metric name must not be set twice: \"foo\" or \"bar\"");
        assertError("foo{__name__=\"bar\"}", 4, "metric name must not be set twice: \"foo\" or \"bar\"");
        assertError("x{a=\"1\"", 7, "unexpected end of input in label matching, expected \",\" or \"}\"");
    }

    @Test
    void modifierErrors() {
        assertError("x offset 5m offset 1m", 12, "offset may not be set multiple times");
        assertError("x @ 1 @ 2", 6, "@ <timestamp> may not be set multiple times");
        assertError("sum(x) offset 5m", 7,
                "offset modifier must be preceded by an instant vector selector or range vector selector or a subquery");
        assertError("(x) @ 5", 4,
                "@ modifier must be preceded by an instant vector selector or range vector selector or a subquery");
        assertError("x offset", 8, "unexpected end of input in offset, expected number or duration");
        assertError("x offset +5m", 9, "unexpected \"+\" in offset, expected number or duration");
        assertError("x @ foo", 4, "unexpected identifier \"foo\" in @, expected timestamp");
        assertError("x @ Inf", 4, "unexpected identifier \"Inf\" in @, expected timestamp");
        assertError("x @ 1e300", 4, "timestamp out of bounds for @ modifier: 1e300");
        assertError("x @ start", 9, "unexpected end of input in @, expected \"(\"");
        assertError("x offset 5m [5m]", 12, "no offset modifiers allowed before range");
        assertError("x @ 1 [5m]", 6, "no @ modifiers allowed before range");
        assertError("(x)[5m]", 3, "ranges only allowed for vector selectors");
        assertError("x[5m][5m]", 5, "ranges only allowed for vector selectors");
        assertError("x[5m][1h:]", 0, "subquery is only allowed on instant vector, got range vector instead");
        assertError("1[1h:]", 0, "subquery is only allowed on instant vector, got scalar instead");
        assertError("x[0s]", 2, "range must be greater than 0");
        assertError("x[]", 2, "unexpected \"]\" in subquery selector, expected number or duration");
        assertError("x[5m", 4, "unexpected end of input in subquery or range, expected \":\" or \"]\"");
        assertError("x[5m:1m", 7, "unexpected end of input in subquery selector, expected \"]\"");
        assertError("x[5m:x]", 5, "unexpected identifier \"x\" in subquery selector, expected number or duration or \"]\"");
        assertError("x[1e30]", 2, "duration out of range: \"1e30\"");
    }

    @Test
    void parseSelectorForSeriesMatchers() {
        VectorSelector v = PromqlParser.parseSelector("up{job=\"api\"}");
        assertThat(v.matchers()).containsExactly(name("up"), m("job", MatchType.EQUAL, "api"));
        assertThat(PromqlParser.parseSelector("{\"cpu.load\"}").name()).isEqualTo("cpu.load");
        assertThat(PromqlParser.parseSelector("{job=~\".+\"}").matchers()).hasSize(1);

        assertSelectorError("{job=~\".*\"}", "vector selector must contain at least one non-empty matcher");
        assertSelectorError("up[5m]", "unexpected \"[\" in series selector, expected end of input");
        assertSelectorError("up offset 5m", "unexpected identifier \"offset\" in series selector, expected end of input");
        assertSelectorError("rate(up[5m])", "unexpected \"(\" in series selector, expected end of input");
        assertSelectorError("1", "unexpected number \"1\", expected vector selector");
        assertSelectorError("", "unexpected end of input, expected vector selector");
    }

    private static void assertSelectorError(String selector, String reason) {
        assertThatThrownBy(() -> PromqlParser.parseSelector(selector))
                .isInstanceOfSatisfying(PromqlParseException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }
}

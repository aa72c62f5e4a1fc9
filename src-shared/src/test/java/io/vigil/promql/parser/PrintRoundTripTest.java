package io.vigil.promql.parser;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.promql.ast.Expr;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class PrintRoundTripTest {

    static Stream<String> corpus() {
        return Corpus.queries().stream();
    }

    @Test
    void corpusIsLargeEnough() {
        assertThat(Corpus.queries()).hasSizeGreaterThanOrEqualTo(150);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void printedQueryParsesBackToTheSameTree(String query) {
        Expr parsed = PromqlParser.parse(query);
        String printed = parsed.toString();
        Expr reparsed = PromqlParser.parse(printed);
        assertThat(reparsed).isEqualTo(parsed);
        assertThat(reparsed.toString()).isEqualTo(printed);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void reformattedQueryPrintsTheSame(String query) {
        String canonical = PromqlParser.parse(query).toString();
        assertThat(PromqlParser.parse(" " + query + " # trailing comment\n").toString()).isEqualTo(canonical);
        assertThat(PromqlParser.parse("#c\n" + spaceOut(query)).toString()).isEqualTo(canonical);
    }

    @ParameterizedTest(name = "{0} == {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
            "sum(rate(x[300s]))by(job)             | sum by (job) (rate(x[5m]))",
            "SUM BY(job)(RATE)                      | sum by (job) (RATE)",
            "x[60m]                                 | x[1h]",
            "x[3600]                                | x[1h]",
            "x[90m:0.5]                             | x[1h30m:500ms]",
            "x[7d]                                  | x[1w]",
            "x[365d]                                | x[1y]",
            "x offset 120s                          | x offset 2m",
            "x @ 100.000                            | x @ 100",
            "x @ 1e3                                | x @ 1000",
            "x offset 5m @ start()                  | x @ start() offset 5m",
            "1.0e0 + 0x0A + 1.50                    | 1 + 10 + 1.5",
            "'a'                                    | \"a\"",
            "x{a='b'}                               | x{a=\"b\"}",
            "{\"up\"}                               | up",
            "x and ON(a) y                          | x and on (a) y",
            "x * on (a) group_left () y             | x * on (a) group_left y",
            "x > BOOL y                             | x > bool y",
            "- 5                                    | -5",
            "+x                                     | +x",
            "topk(3,x)by(a)                         | topk by (a) (3, x)"})
    void canonicalForms(String query, String canonical) {
        assertThat(PromqlParser.parse(query).toString()).isEqualTo(canonical);
    }

    @Test
    void differentlyFormattedQueriesShareOneText() {
        List<String> variants = List.of(
                "sum by (job) (rate(http_requests_total{code=~\"5..\"}[5m]))",
                "sum(rate(http_requests_total{code=~'5..'}[300s])) by (job)",
                "SUM BY (job)(\n  rate( http_requests_total{ code =~ `5..` , } [ 5m ] ) # errors only\n)",
                "sum by(job,)(rate(http_requests_total{code=~\"5..\"}[0h5m]))");
        assertThat(variants.stream().map(q -> PromqlParser.parse(q).toString()).distinct()).hasSize(1);
    }

    /** Puts spaces around every punctuation character outside strings, which PromQL ignores. */
    private static String spaceOut(String query) {
        StringBuilder out = new StringBuilder();
        char quote = 0;
        for (int i = 0; i < query.length(); i++) {
            char c = query.charAt(i);
            if (quote != 0) {
                out.append(c);
                if (c == '\\' && quote != '`' && i + 1 < query.length()) {
                    out.append(query.charAt(++i));
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'' || c == '`') {
                quote = c;
                out.append(c);
            } else if ("(){},".indexOf(c) >= 0) {
                out.append(' ').append(c).append(' ');
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}

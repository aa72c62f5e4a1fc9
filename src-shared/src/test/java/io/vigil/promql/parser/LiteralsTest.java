package io.vigil.promql.parser;

import static io.vigil.promql.parser.ParseErrors.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.promql.ast.Expr;
import io.vigil.promql.ast.NumberLiteral;
import io.vigil.promql.ast.StringLiteral;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LiteralsTest {

    static Stream<Arguments> numbers() {
        return Stream.of(
                Arguments.of("1", 1.0), Arguments.of("1.5", 1.5), Arguments.of(".5", 0.5), Arguments.of("5.", 5.0),
                Arguments.of("1e3", 1000.0), Arguments.of("1E3", 1000.0), Arguments.of("1.5e-3", 0.0015),
                Arguments.of("2e+2", 200.0), Arguments.of("0x1f", 31.0), Arguments.of("0X1F", 31.0),
                Arguments.of("0xFFFFFFFF", 4294967295.0), Arguments.of("010", 8.0), Arguments.of("019", 19.0),
                Arguments.of("0", 0.0), Arguments.of("Inf", Double.POSITIVE_INFINITY),
                Arguments.of("inf", Double.POSITIVE_INFINITY), Arguments.of("INF", Double.POSITIVE_INFINITY),
                Arguments.of("-Inf", Double.NEGATIVE_INFINITY), Arguments.of("NaN", Double.NaN),
                Arguments.of("nan", Double.NaN), Arguments.of("-1", -1.0), Arguments.of("+1", 1.0),
                Arguments.of("- 1", -1.0), Arguments.of("--1", 1.0), Arguments.of("99999999999999999999", 1e20),
                Arguments.of("5m", 300.0), Arguments.of("1h30m", 5400.0), Arguments.of("100ms", 0.1),
                Arguments.of("1d", 86400.0), Arguments.of("2w", 1209600.0), Arguments.of("1y", 31536000.0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("numbers")
    void numberLiterals(String query, double expected) {
        Expr e = PromqlParser.parse(query);
        assertThat(e).isEqualTo(new NumberLiteral(expected));
    }

    @Test
    void numberLiteralsPrintInShortestExactForm() {
        assertThat(PromqlParser.parse("1.50").toString()).isEqualTo("1.5");
        assertThat(PromqlParser.parse("1e3").toString()).isEqualTo("1000");
        assertThat(PromqlParser.parse("0x10").toString()).isEqualTo("16");
        assertThat(PromqlParser.parse("1e300").toString()).isEqualTo("1e300");
        assertThat(PromqlParser.parse("1.5e-7").toString()).isEqualTo("1.5e-7");
        assertThat(PromqlParser.parse("-0.25").toString()).isEqualTo("-0.25");
        assertThat(PromqlParser.parse("nan").toString()).isEqualTo("NaN");
        assertThat(PromqlParser.parse("-inf").toString()).isEqualTo("-Inf");
    }

    static Stream<Arguments> strings() {
        return Stream.of(
                Arguments.of("\"abc\"", "abc"), Arguments.of("'abc'", "abc"), Arguments.of("`abc`", "abc"),
                Arguments.of("\"\"", ""), Arguments.of("\"a\\\"b\"", "a\"b"), Arguments.of("'a\\'b'", "a'b"),
                Arguments.of("'a\"b'", "a\"b"), Arguments.of("\"a'b\"", "a'b"),
                Arguments.of("\"\\a\\b\\f\\n\\r\\t\\v\\\\\"", "\u0007\b\f\n\r\t\u000b\\"),
                Arguments.of("\"\\x41\\x42\"", "AB"), Arguments.of("\"\\101\\102\"", "AB"),
                Arguments.of("\"\\xc3\\xa9\"", "é"), Arguments.of("\"\\u00e9\"", "é"),
                Arguments.of("\"\\U0001F600\"", "😀"), Arguments.of("\"日本\"", "日本"),
                Arguments.of("`a\\nb`", "a\\nb"), Arguments.of("`line1\nline2`", "line1\nline2"),
                Arguments.of("`it's \"raw\"`", "it's \"raw\""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("strings")
    void stringLiterals(String query, String expected) {
        assertThat(PromqlParser.parse(query)).isEqualTo(new StringLiteral(expected));
    }

    @Test
    void stringsPrintDoubleQuotedWithEscapes() {
        assertThat(PromqlParser.parse("'it\"s'").toString()).isEqualTo("\"it\\\"s\"");
        assertThat(PromqlParser.parse("`a\\b`").toString()).isEqualTo("\"a\\\\b\"");
        assertThat(PromqlParser.parse("\"\\x01\\n\"").toString()).isEqualTo("\"\\x01\\n\"");
    }

    @Test
    void badStringsAreRefusedWhereTheyAre() {
        assertError("x + \"abc", 4, "unterminated quoted string");
        assertError("'abc\ndef'", 0, "unterminated quoted string");
        assertError("`abc", 0, "unterminated raw string");
        assertError("\"a\\qb\"", 2, "invalid escape sequence \"\\q\" in string");
        assertError("'a\\\"b'", 2, "invalid escape sequence \"\\\"\" in string");
        assertError("\"a\\'b\"", 2, "invalid escape sequence \"\\'\" in string");
        assertError("\"\\x4\"", 1, "invalid escape sequence \"\\x\" in string");
        assertError("\"\\400\"", 1, "invalid escape sequence \"\\4\" in string");
        assertError("\"\\ud800\"", 1, "invalid escape sequence \"\\u\" in string");
        assertError("\"\\U00110000\"", 1, "invalid escape sequence \"\\U\" in string");
        assertError("\"\\xff\"", 0, "invalid UTF-8 in escape sequences of string");
    }

    @Test
    void badNumbersAreRefused() {
        assertError("1x", 0, "bad number or duration syntax: \"1x\"");
        assertError("1.5h", 0, "bad number or duration syntax: \"1.5h\"");
        assertError("1e400", 0, "error parsing number: \"1e400\" is out of range");
        assertError("0x10000000000000000", 0, "error parsing number: \"0x10000000000000000\" is out of range");
        assertError("5m1h", 0, "not a valid duration string: \"5m1h\"");
        assertError("1m1m", 0, "not a valid duration string: \"1m1m\"");
        assertError("300y", 0, "duration out of range: \"300y\"");
    }

    @Test
    void commentsAndWhitespaceAreIgnored() {
        Expr plain = PromqlParser.parse("sum(rate(x[5m]))");
        Expr spaced = PromqlParser.parse("# leading comment\n  sum ( rate(\tx[5m] ) ) # trailing\r\n# another");
        assertThat(spaced).isEqualTo(plain);
        assertThat(spaced.toString()).isEqualTo(plain.toString());
    }

    @Test
    void emptyInputIsRefused() {
        assertError("", 0, "no expression found in input");
        assertError("  # only a comment", 0, "no expression found in input");
    }
}

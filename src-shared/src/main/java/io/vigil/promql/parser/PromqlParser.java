package io.vigil.promql.parser;

import io.vigil.promql.ast.Expr;
import io.vigil.promql.ast.VectorSelector;
import java.util.List;

/**
 * Parses PromQL (the Prometheus 3 query language, float samples) into the immutable AST of
 * {@code io.vigil.promql.ast}, type-checking it as Prometheus does. Every problem, whatever the input,
 * is reported as a {@link PromqlParseException} that says what is wrong and where.
 *
 * <pre>{@code
 * Expr e = PromqlParser.parse("sum by (job) (rate(http_requests_total{code=~\"5..\"}[5m]))");
 * e.type();       // VECTOR
 * e.toString();   // canonical text, usable as a cache key
 * }</pre>
 *
 * <p>Limits: queries longer than {@link #MAX_QUERY_LENGTH} characters and expressions nested deeper
 * than {@link #MAX_DEPTH} levels (parentheses, arguments, operator chains) are refused, so hostile
 * input cannot exhaust the stack of the parser or of anything that walks the tree afterwards.
 */
public final class PromqlParser {
    /** Longest query accepted, in characters. */
    public static final int MAX_QUERY_LENGTH = 64 * 1024;
    /** Deepest expression tree accepted. */
    public static final int MAX_DEPTH = 1000;

    private PromqlParser() {
    }

    /** Parses a whole query. */
    public static Expr parse(String query) {
        TokenCursor in = open(query);
        ExprParser parser = new ExprParser(in);
        if (in.at(TokenKind.EOF)) {
            throw in.error(0, "no expression found in input");
        }
        Parsed result = parser.expr(0);
        if (!in.at(TokenKind.EOF)) {
            throw in.unexpected(null, null);
        }
        if (result.depth() > MAX_DEPTH) {
            throw in.error(0, "expression nested too deeply (more than " + MAX_DEPTH + " levels)");
        }
        return result.expr();
    }

    /**
     * Parses a series selector such as the HTTP API's {@code match[]}: only a vector selector, without
     * range or modifiers, with at least one matcher that does not match the empty string.
     */
    public static VectorSelector parseSelector(String selector) {
        TokenCursor in = open(selector);
        ExprParser parser = new ExprParser(in);
        Token first = in.peek();
        Parsed result = switch (first.kind()) {
            case LEFT_BRACE -> parser.selectors().selector(null);
            case IDENTIFIER -> parser.selectors().selector(first);
            default -> throw in.unexpected(null, "vector selector");
        };
        if (!in.at(TokenKind.EOF)) {
            throw in.unexpected("series selector", "end of input");
        }
        VectorSelector vs = (VectorSelector) result.expr();
        if (vs.matchers().stream().allMatch(SelectorParser::matchesEmpty)) {
            throw in.error(0, "vector selector must contain at least one non-empty matcher");
        }
        return vs;
    }

    /** Parses a Prometheus duration ({@code 1h30m}, {@code 5m}, {@code 100ms}, {@code 2w}, {@code 1y}) into milliseconds. */
    public static long parseDuration(String duration) {
        if (duration == null) {
            throw new PromqlParseException("", 0, "empty duration string");
        }
        if (duration.length() > 100) {
            throw new PromqlParseException(duration, 0, "duration string too long");
        }
        if (duration.equals("0")) {
            return 0;
        }
        try {
            return Durations.parse(duration);
        } catch (IllegalArgumentException e) {
            throw new PromqlParseException(duration, 0, e.getMessage());
        }
    }

    private static TokenCursor open(String query) {
        if (query == null) {
            throw new PromqlParseException("", 0, "no expression found in input");
        }
        if (query.length() > MAX_QUERY_LENGTH) {
            throw new PromqlParseException(query, 0, "query too long: " + query.length()
                    + " characters, at most " + MAX_QUERY_LENGTH + " allowed");
        }
        int bad = firstUnpairedSurrogate(query);
        if (bad >= 0) {
            throw new PromqlParseException(query, bad, "invalid UTF-8: unpaired surrogate character");
        }
        List<Token> tokens = Lexer.tokenize(query);
        return new TokenCursor(query, tokens);
    }

    private static int firstUnpairedSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }
}

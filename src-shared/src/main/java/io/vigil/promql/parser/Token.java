package io.vigil.promql.parser;

import java.util.Locale;

/**
 * One token: its kind, where it starts and ends in the query, the source text, and for strings the
 * unescaped value.
 */
record Token(TokenKind kind, int start, int end, String text, String value) {

    /** True for an identifier spelling {@code keyword} in any case (PromQL keywords are case-insensitive). */
    boolean isKeyword(String keyword) {
        return kind == TokenKind.IDENTIFIER && text.equalsIgnoreCase(keyword);
    }

    String lowerText() {
        return text.toLowerCase(Locale.ROOT);
    }

    /** How error messages name this token: {@code identifier "foo"}, {@code "}"}, {@code end of input}. */
    String describe() {
        return switch (kind) {
            case IDENTIFIER, NUMBER, DURATION -> kind.description() + " \"" + abbreviated() + "\"";
            case STRING -> "string " + abbreviated();
            default -> kind.description();
        };
    }

    private String abbreviated() {
        return text.length() > 40 ? text.substring(0, 37) + "..." : text;
    }
}

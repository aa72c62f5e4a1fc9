package io.vigil.promql.parser;

import java.util.List;

/** Walks the token list of one query and builds the errors that point into it. */
final class TokenCursor {
    private final String query;
    private final List<Token> tokens;
    private int index;

    TokenCursor(String query, List<Token> tokens) {
        this.query = query;
        this.tokens = tokens;
    }

    Token peek() {
        return tokens.get(index);
    }

    /** The token {@code ahead} places after the current one (EOF past the end). */
    Token peek(int ahead) {
        return tokens.get(Math.min(index + ahead, tokens.size() - 1));
    }

    Token next() {
        Token t = tokens.get(index);
        if (t.kind() != TokenKind.EOF) {
            index++;
        }
        return t;
    }

    boolean at(TokenKind kind) {
        return peek().kind() == kind;
    }

    boolean atKeyword(String keyword) {
        return peek().isKeyword(keyword);
    }

    /** Consumes a token of {@code kind}, or fails with "unexpected X in {context}, expected {expected}". */
    Token expect(TokenKind kind, String context, String expected) {
        if (!at(kind)) {
            throw unexpected(context, expected);
        }
        return next();
    }

    /** An error about the current token. {@code context} and {@code expected} may be null. */
    PromqlParseException unexpected(String context, String expected) {
        Token t = peek();
        StringBuilder reason = new StringBuilder("unexpected ").append(t.describe());
        if (context != null) {
            reason.append(" in ").append(context);
        }
        if (expected != null) {
            reason.append(", expected ").append(expected);
        }
        return error(t.start(), reason.toString());
    }

    PromqlParseException error(int position, String reason) {
        return new PromqlParseException(query, position, reason);
    }
}

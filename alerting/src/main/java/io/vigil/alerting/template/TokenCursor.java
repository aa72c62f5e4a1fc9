package io.vigil.alerting.template;

import io.vigil.alerting.template.Lexer.Kind;
import io.vigil.alerting.template.Lexer.Token;
import java.util.List;

/** Reading position in the token list; stays on the final EOF token. */
final class TokenCursor {
    private final List<Token> tokens;
    private int next;

    TokenCursor(List<Token> tokens) {
        this.tokens = tokens;
    }

    Token take() {
        Token t = tokens.get(next);
        if (t.kind() != Kind.EOF) {
            next++;
        }
        return t;
    }

    Token peek() {
        return tokens.get(next);
    }

    Token peekAt(int ahead) {
        return tokens.get(Math.min(next + ahead, tokens.size() - 1));
    }

    int mark() {
        return next;
    }

    void reset(int mark) {
        next = mark;
    }
}

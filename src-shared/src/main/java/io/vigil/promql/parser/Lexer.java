package io.vigil.promql.parser;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a query into tokens. Words are always {@link TokenKind#IDENTIFIER}: whether {@code by},
 * {@code offset} or {@code sum} is a keyword or a name depends on where it stands, which the parser
 * decides. Comments ({@code #} to end of line) and whitespace are dropped.
 */
final class Lexer {
    private final String query;
    private final StringUnquoter unquoter;
    private final List<Token> tokens = new ArrayList<>();
    private int pos;
    /** Inside {@code […]} a colon separates subquery range and step instead of being part of a name. */
    private boolean inBrackets;

    private Lexer(String query) {
        this.query = query;
        this.unquoter = new StringUnquoter(query);
    }

    /** All tokens of {@code query}, ending with one {@link TokenKind#EOF}. */
    static List<Token> tokenize(String query) {
        Lexer lexer = new Lexer(query);
        lexer.run();
        return lexer.tokens;
    }

    private void run() {
        while (true) {
            skipSpaceAndComments();
            if (pos >= query.length()) {
                tokens.add(new Token(TokenKind.EOF, pos, pos, "", null));
                return;
            }
            char c = query.charAt(pos);
            if (isDigit(c) || c == '.' && pos + 1 < query.length() && isDigit(query.charAt(pos + 1))) {
                lexNumberOrDuration();
            } else if (isIdentifierStart(c) && !(c == ':' && inBrackets)) {
                int start = pos;
                while (pos < query.length() && isIdentifierPart(query.charAt(pos)) && !(inBrackets && query.charAt(pos) == ':')) {
                    pos++;
                }
                emit(TokenKind.IDENTIFIER, start, null);
            } else if (c == '"' || c == '\'') {
                lexQuotedString(c);
            } else if (c == '`') {
                lexRawString();
            } else {
                lexOperator(c);
            }
        }
    }

    private void skipSpaceAndComments() {
        while (pos < query.length()) {
            char c = query.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                pos++;
            } else if (c == '#') {
                while (pos < query.length() && query.charAt(pos) != '\n') {
                    pos++;
                }
            } else {
                return;
            }
        }
    }

    /**
     * Numbers ({@code 1}, {@code .5}, {@code 1.5e-3}, {@code 0x1F}) and durations ({@code 1h30m}). A
     * number run directly into letters is a duration if it is one, else an error, as in Prometheus.
     */
    private void lexNumberOrDuration() {
        int start = pos;
        if (query.startsWith("0x", pos) || query.startsWith("0X", pos)) {
            pos += 2;
            while (pos < query.length() && Character.digit(query.charAt(pos), 16) >= 0 && query.charAt(pos) < 128) {
                pos++;
            }
        } else {
            skipDigits();
            if (pos < query.length() && query.charAt(pos) == '.') {
                pos++;
                skipDigits();
            }
            if (pos < query.length() && (query.charAt(pos) == 'e' || query.charAt(pos) == 'E')) {
                int mark = pos;
                pos++;
                if (pos < query.length() && (query.charAt(pos) == '+' || query.charAt(pos) == '-')) {
                    pos++;
                }
                if (pos < query.length() && isDigit(query.charAt(pos))) {
                    skipDigits();
                } else {
                    pos = mark;
                }
            }
        }
        if (pos >= query.length() || !isWordChar(query.charAt(pos)) && query.charAt(pos) != '.') {
            emit(TokenKind.NUMBER, start, null);
            return;
        }
        pos = start;
        while (pos < query.length() && (isWordChar(query.charAt(pos)) || query.charAt(pos) == '.')) {
            pos++;
        }
        String text = query.substring(start, pos);
        if (!text.chars().allMatch(ch -> Durations.isDurationChar((char) ch))) {
            throw new PromqlParseException(query, start, "bad number or duration syntax: \"" + text + "\"");
        }
        try {
            Durations.parse(text);
        } catch (IllegalArgumentException e) {
            throw new PromqlParseException(query, start, e.getMessage());
        }
        emit(TokenKind.DURATION, start, null);
    }

    private void lexQuotedString(char quote) {
        int start = pos;
        pos++;
        while (true) {
            if (pos >= query.length() || query.charAt(pos) == '\n') {
                throw new PromqlParseException(query, start, "unterminated quoted string");
            }
            char c = query.charAt(pos);
            if (c == '\\') {
                pos += 2;
            } else if (c == quote) {
                break;
            } else {
                pos++;
            }
        }
        String value = unquoter.unquote(start + 1, pos, quote);
        pos++;
        emit(TokenKind.STRING, start, value);
    }

    private void lexRawString() {
        int start = pos;
        int end = query.indexOf('`', pos + 1);
        if (end < 0) {
            throw new PromqlParseException(query, start, "unterminated raw string");
        }
        pos = end + 1;
        emit(TokenKind.STRING, start, query.substring(start + 1, end));
    }

    private void lexOperator(char c) {
        int start = pos;
        char next = pos + 1 < query.length() ? query.charAt(pos + 1) : 0;
        TokenKind kind = switch (c) {
            case '(' -> TokenKind.LEFT_PAREN;
            case ')' -> TokenKind.RIGHT_PAREN;
            case '{' -> TokenKind.LEFT_BRACE;
            case '}' -> TokenKind.RIGHT_BRACE;
            case '[' -> TokenKind.LEFT_BRACKET;
            case ']' -> TokenKind.RIGHT_BRACKET;
            case ',' -> TokenKind.COMMA;
            case ':' -> TokenKind.COLON;
            case '+' -> TokenKind.ADD;
            case '-' -> TokenKind.SUB;
            case '*' -> TokenKind.MUL;
            case '/' -> TokenKind.DIV;
            case '%' -> TokenKind.MOD;
            case '^' -> TokenKind.POW;
            case '@' -> TokenKind.AT;
            case '=' -> next == '=' ? TokenKind.EQL : next == '~' ? TokenKind.EQL_REGEX : TokenKind.ASSIGN;
            case '!' -> next == '=' ? TokenKind.NEQ : next == '~' ? TokenKind.NEQ_REGEX : null;
            case '<' -> next == '=' ? TokenKind.LTE : TokenKind.LSS;
            case '>' -> next == '=' ? TokenKind.GTE : TokenKind.GTR;
            default -> null;
        };
        if (kind == null) {
            String shown = c == '!' ? "!" : new String(Character.toChars(query.codePointAt(pos)));
            throw new PromqlParseException(query, start, "unexpected character: '" + shown + "'");
        }
        int length = switch (kind) {
            case EQL, EQL_REGEX, NEQ, NEQ_REGEX, LTE, GTE -> 2;
            default -> 1;
        };
        pos += length;
        if (kind == TokenKind.LEFT_BRACKET || kind == TokenKind.RIGHT_BRACKET) {
            inBrackets = kind == TokenKind.LEFT_BRACKET;
        }
        emit(kind, start, null);
    }

    private void emit(TokenKind kind, int start, String value) {
        tokens.add(new Token(kind, start, pos, query.substring(start, pos), value));
    }

    private void skipDigits() {
        while (pos < query.length() && isDigit(query.charAt(pos))) {
            pos++;
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isIdentifierStart(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == ':';
    }

    private static boolean isWordChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || isDigit(c);
    }

    private static boolean isIdentifierPart(char c) {
        return isIdentifierStart(c) || isDigit(c);
    }
}

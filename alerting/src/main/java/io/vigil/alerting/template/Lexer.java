package io.vigil.alerting.template;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Splits template text into tokens as Go's text/template does: text between actions, and inside
 * {@code {{ }}} identifiers, fields, variables, literals and punctuation. Trim markers ({@code {{- }} and
 * {@code  -}}}) remove the whitespace of the neighbouring text; comments vanish.
 */
final class Lexer {
    enum Kind { TEXT, LEFT, RIGHT, IDENT, KEYWORD, FIELD, VARIABLE, DOT, STRING, CHAR, NUMBER, BOOL, NIL, PIPE,
        LPAREN, RPAREN, DECLARE, ASSIGN, COMMA, EOF }

    /** {@code text} is the decoded value for strings, the source for everything else. */
    record Token(Kind kind, String text, int pos, boolean spaceBefore) {
    }

    private static final Set<String> KEYWORDS = Set.of("if", "else", "end", "range", "with", "define", "template",
            "block", "break", "continue");

    private final String name;
    private final String src;
    private final List<Token> tokens = new ArrayList<>();
    private int pos;

    private Lexer(String name, String src) {
        this.name = name;
        this.src = src;
    }

    static List<Token> tokenize(String name, String src) throws TemplateException {
        Lexer l = new Lexer(name, src);
        l.run();
        return l.tokens;
    }

    private void run() throws TemplateException {
        boolean trimNext = false;
        while (pos < src.length()) {
            int open = src.indexOf("{{", pos);
            int end = open < 0 ? src.length() : open;
            boolean trimLeft = open >= 0 && open + 3 < src.length() + 1 && src.startsWith("-", open + 2)
                    && open + 3 < src.length() && isSpace(src.charAt(open + 3));
            int textStart = pos;
            int textEnd = end;
            if (trimNext) {
                while (textStart < textEnd && isSpace(src.charAt(textStart))) {
                    textStart++;
                }
            }
            if (trimLeft) {
                while (textEnd > textStart && isSpace(src.charAt(textEnd - 1))) {
                    textEnd--;
                }
            }
            if (textEnd > textStart) {
                tokens.add(new Token(Kind.TEXT, src.substring(textStart, textEnd), textStart, false));
            }
            if (open < 0) {
                break;
            }
            pos = open + (trimLeft ? 4 : 2);
            trimNext = action(open);
        }
        tokens.add(new Token(Kind.EOF, "", src.length(), false));
    }

    /** Lexes one action from after its left delimiter; returns whether it ends with a trim marker. */
    private boolean action(int open) throws TemplateException {
        int save = pos;
        skipSpace();
        if (src.startsWith("/*", pos)) {
            int close = src.indexOf("*/", pos + 2);
            if (close < 0) {
                throw error(open, "unclosed comment");
            }
            pos = close + 2;
            if (src.startsWith(" -}}", pos)) {
                pos += 4;
                return true;
            }
            if (src.startsWith("}}", pos)) {
                pos += 2;
                return false;
            }
            throw error(pos, "comment ends before closing delimiter");
        }
        pos = save;
        tokens.add(new Token(Kind.LEFT, "{{", open, false));
        int parens = 0;
        while (true) {
            int before = pos;
            skipSpace();
            boolean space = pos > before;
            if (pos >= src.length()) {
                throw error(open, "unclosed action");
            }
            if (space && src.startsWith("-}}", pos)) {
                pos += 3;
                tokens.add(new Token(Kind.RIGHT, "}}", pos - 3, true));
                return true;
            }
            if (src.startsWith("}}", pos)) {
                if (parens > 0) {
                    throw error(pos, "unclosed left paren");
                }
                pos += 2;
                tokens.add(new Token(Kind.RIGHT, "}}", pos - 2, space));
                return false;
            }
            char c = src.charAt(pos);
            int start = pos;
            switch (c) {
                case '|' -> add(Kind.PIPE, start, ++pos, space);
                case '(' -> {
                    parens++;
                    add(Kind.LPAREN, start, ++pos, space);
                }
                case ')' -> {
                    if (--parens < 0) {
                        throw error(pos, "unexpected right paren");
                    }
                    add(Kind.RPAREN, start, ++pos, space);
                }
                case ',' -> add(Kind.COMMA, start, ++pos, space);
                case '=' -> add(Kind.ASSIGN, start, ++pos, space);
                case ':' -> {
                    if (!src.startsWith(":=", pos)) {
                        throw error(pos, "expected :=");
                    }
                    pos += 2;
                    add(Kind.DECLARE, start, pos, space);
                }
                case '"' -> tokens.add(new Token(Kind.STRING, quoted(), start, space));
                case '`' -> {
                    int close = src.indexOf('`', pos + 1);
                    if (close < 0) {
                        throw error(start, "unterminated raw quoted string");
                    }
                    pos = close + 1;
                    tokens.add(new Token(Kind.STRING, src.substring(start + 1, close), start, space));
                }
                case '\'' -> charConstant(start, space);
                case '$' -> {
                    pos++;
                    while (pos < src.length() && isAlnum(src.charAt(pos))) {
                        pos++;
                    }
                    add(Kind.VARIABLE, start, pos, space);
                }
                case '.' -> {
                    if (pos + 1 < src.length() && Character.isDigit(src.charAt(pos + 1))) {
                        number(start, space);
                    } else {
                        pos++;
                        while (pos < src.length() && isAlnum(src.charAt(pos))) {
                            pos++;
                        }
                        add(pos == start + 1 ? Kind.DOT : Kind.FIELD, start, pos, space);
                    }
                }
                default -> {
                    if (c == '+' || c == '-' || Character.isDigit(c)) {
                        number(start, space);
                    } else if (isAlnum(c)) {
                        while (pos < src.length() && isAlnum(src.charAt(pos))) {
                            pos++;
                        }
                        String word = src.substring(start, pos);
                        Kind k = KEYWORDS.contains(word) ? Kind.KEYWORD
                                : word.equals("true") || word.equals("false") ? Kind.BOOL
                                : word.equals("nil") ? Kind.NIL : Kind.IDENT;
                        add(k, start, pos, space);
                    } else {
                        throw error(pos, "unexpected " + GoFormat.quoteRune(c) + " in command");
                    }
                }
            }
        }
    }

    private void add(Kind kind, int start, int end, boolean space) {
        tokens.add(new Token(kind, src.substring(start, end), start, space));
    }

    private void number(int start, boolean space) throws TemplateException {
        if (src.charAt(pos) == '+' || src.charAt(pos) == '-') {
            pos++;
        }
        while (pos < src.length() && (isAlnum(src.charAt(pos)) || src.charAt(pos) == '.'
                || ((src.charAt(pos) == '+' || src.charAt(pos) == '-') && "eEpP".indexOf(src.charAt(pos - 1)) >= 0
                && !src.substring(start, pos).toLowerCase().startsWith("0x")))) {
            pos++;
        }
        String text = src.substring(start, pos);
        if (GoFormat.parseNumber(text) == null) {
            throw error(start, "bad number syntax: \"" + text + "\"");
        }
        add(Kind.NUMBER, start, pos, space);
    }

    private String quoted() throws TemplateException {
        int start = pos++;
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (pos >= src.length() || src.charAt(pos) == '\n') {
                throw error(start, "unterminated quoted string");
            }
            char c = src.charAt(pos++);
            if (c == '"') {
                return sb.toString();
            }
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            if (pos >= src.length()) {
                throw error(start, "unterminated quoted string");
            }
            char e = src.charAt(pos++);
            switch (e) {
                case 'n' -> sb.append('\n');
                case 't' -> sb.append('\t');
                case 'r' -> sb.append('\r');
                case 'a' -> sb.append('\u0007');
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'v' -> sb.append('\u000b');
                case '\\', '"', '\'' -> sb.append(e);
                case 'x', 'u', 'U' -> {
                    int n = e == 'x' ? 2 : e == 'u' ? 4 : 8;
                    if (pos + n > src.length()) {
                        throw error(start, "invalid syntax in quoted string");
                    }
                    try {
                        sb.appendCodePoint(Integer.parseInt(src.substring(pos, pos + n), 16));
                    } catch (IllegalArgumentException ex) {
                        throw error(start, "invalid syntax in quoted string");
                    }
                    pos += n;
                }
                default -> throw error(start, "invalid escape \\" + e + " in quoted string");
            }
        }
    }

    private void charConstant(int start, boolean space) throws TemplateException {
        int close = src.indexOf('\'', pos + 1);
        if (close < 0 || close == pos + 1) {
            throw error(start, "unterminated character constant");
        }
        String inner = src.substring(pos + 1, close);
        int cp;
        if (inner.startsWith("\\") && inner.length() == 2) {
            cp = switch (inner.charAt(1)) {
                case 'n' -> '\n';
                case 't' -> '\t';
                case 'r' -> '\r';
                case '\\' -> '\\';
                default -> throw error(start, "malformed character constant: '" + inner + "'");
            };
        } else if (inner.codePointCount(0, inner.length()) == 1) {
            cp = inner.codePointAt(0);
        } else {
            throw error(start, "malformed character constant: '" + inner + "'");
        }
        pos = close + 1;
        tokens.add(new Token(Kind.CHAR, Integer.toString(cp), start, space));
    }

    private void skipSpace() {
        while (pos < src.length() && isSpace(src.charAt(pos))) {
            pos++;
        }
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    private static boolean isAlnum(char c) {
        return c == '_' || Character.isLetterOrDigit(c);
    }

    private TemplateException error(int at, String reason) {
        return Positions.error(name, src, at, reason);
    }
}

package io.vigil.alerting.manager.match;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses Alertmanager's matcher syntax: {@code alertname="X"}, {@code severity=~"crit|page"},
 * {@code team!=a} (unquoted values), and lists {@code {a="1", b=~"2"}} or {@code a="1",b="2"}, as route
 * {@code matchers}, inhibition rules, amtool and the API's {@code filter} use them. Errors say what and
 * where (character position in the text).
 */
public final class MatcherParser {
    private static final int MAX_LENGTH = 10_000;

    private final String text;
    private int pos;

    private MatcherParser(String text) {
        this.text = text;
    }

    /** Parses one matcher or a comma-separated list (optionally in braces). */
    public static List<Matcher> parseList(String text) {
        if (text == null) {
            throw new IllegalArgumentException("no matcher given");
        }
        if (text.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("matcher text is longer than " + MAX_LENGTH + " characters");
        }
        MatcherParser p = new MatcherParser(text.strip());
        return p.list();
    }

    /** Parses exactly one matcher. */
    public static Matcher parseOne(String text) {
        List<Matcher> list = parseList(text);
        if (list.size() != 1) {
            throw new IllegalArgumentException("expected one matcher, got " + list.size() + " in " + text);
        }
        return list.get(0);
    }

    private List<Matcher> list() {
        boolean braces = text.startsWith("{");
        if (braces) {
            if (!text.endsWith("}")) {
                throw new IllegalArgumentException("missing closing '}' in " + text);
            }
            pos = 1;
        }
        int end = braces ? text.length() - 1 : text.length();
        List<Matcher> out = new ArrayList<>();
        skipSpace(end);
        while (pos < end) {
            out.add(one(end));
            skipSpace(end);
            if (pos < end) {
                if (text.charAt(pos) != ',') {
                    throw error("expected ',' between matchers");
                }
                pos++;
                skipSpace(end);
            }
        }
        if (out.isEmpty() && !braces) {
            throw new IllegalArgumentException("no matcher given");
        }
        return out;
    }

    private Matcher one(int end) {
        int start = pos;
        while (pos < end && isNameChar(text.charAt(pos))) {
            pos++;
        }
        String name = text.substring(start, pos);
        if (name.isEmpty()) {
            throw error("expected a label name");
        }
        if (Character.isDigit(name.charAt(0))) {
            throw error("label name \"" + name + "\" must not start with a digit");
        }
        skipSpace(end);
        Matcher.Type type = operator(end);
        skipSpace(end);
        String value = pos < end && text.charAt(pos) == '"' ? quoted(end) : unquoted(end);
        return Matcher.of(name, type, value);
    }

    private Matcher.Type operator(int end) {
        String rest = text.substring(pos, Math.min(end, pos + 2));
        Matcher.Type type;
        if (rest.startsWith("=~")) {
            type = Matcher.Type.REGEX;
        } else if (rest.startsWith("!~")) {
            type = Matcher.Type.NOT_REGEX;
        } else if (rest.startsWith("!=")) {
            type = Matcher.Type.NOT_EQUAL;
        } else if (rest.startsWith("=")) {
            type = Matcher.Type.EQUAL;
        } else {
            throw error("expected an operator (=, !=, =~, !~)");
        }
        pos += type.op().length();
        return type;
    }

    private String quoted(int end) {
        StringBuilder sb = new StringBuilder();
        pos++;
        while (pos < end) {
            char c = text.charAt(pos++);
            if (c == '"') {
                return sb.toString();
            }
            if (c == '\\' && pos < end) {
                char n = text.charAt(pos++);
                sb.append(switch (n) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    default -> n;
                });
            } else {
                sb.append(c);
            }
        }
        throw error("unterminated quoted value");
    }

    private String unquoted(int end) {
        int start = pos;
        while (pos < end && text.charAt(pos) != ',') {
            if (text.charAt(pos) == '"') {
                throw error("unexpected '\"' inside an unquoted value");
            }
            pos++;
        }
        return text.substring(start, pos).strip();
    }

    private void skipSpace(int end) {
        while (pos < end && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private static boolean isNameChar(char c) {
        return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException(what + " at position " + (pos + 1) + " of " + text);
    }
}

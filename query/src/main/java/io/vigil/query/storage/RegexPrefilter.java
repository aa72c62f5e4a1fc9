package io.vigil.query.storage;

import java.util.ArrayList;
import java.util.List;

/**
 * What a regex matcher means in terms SQL can check exactly, when the pattern is simple enough to know
 * for sure: a set of literal alternatives ({@code api|web|db}) or one literal prefix followed by
 * {@code .*} ({@code api-.*}; {@code .} matches every character, newline included, as in Prometheus).
 * Anything else gets no value condition in SQL: PostgreSQL's {@code ~} is a different dialect from RE2
 * and java.util.regex, so it could drop a series Prometheus would match.
 */
sealed interface RegexPrefilter {
    /** The regex matches exactly these strings. */
    record Values(List<String> values) implements RegexPrefilter {
    }

    /** The regex matches exactly the strings starting with this prefix. */
    record Prefix(String prefix) implements RegexPrefilter {
    }

    /** Null when the regex is not a plain literal set or prefix. */
    static RegexPrefilter analyze(String regex) {
        if (regex.endsWith(".*") && !regex.endsWith("\\.*")) {
            List<String> prefix = literals(regex.substring(0, regex.length() - 2));
            return prefix != null && prefix.size() == 1 ? new Prefix(prefix.getFirst()) : null;
        }
        List<String> values = literals(regex);
        return values == null ? null : new Values(List.copyOf(values));
    }

    /** Top-level alternatives of plain characters and escaped punctuation, or null. */
    private static List<String> literals(String regex) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '|') {
                out.add(current.toString());
                current.setLength(0);
            } else if (c == '\\') {
                if (i + 1 == regex.length()) {
                    return null;
                }
                char n = regex.charAt(++i);
                if (Character.isLetterOrDigit(n) || n > 0x7f) {
                    return null; // \d, \pL, \x41, \Q …: classes and escapes, not a literal
                }
                current.append(n);
            } else if ("^$.[](){}*+?".indexOf(c) >= 0) {
                return null;
            } else {
                current.append(c);
            }
        }
        out.add(current.toString());
        return out;
    }
}

package io.vigil.alerting.manager.match;

import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One label matcher as Alertmanager has them: {@code name="v"}, {@code name!="v"}, {@code name=~"re"},
 * {@code name!~"re"}. Regular expressions are anchored at both ends. A missing label has the value "".
 */
public record Matcher(String name, Type type, String value, Pattern pattern) {
    /** The operator. */
    public enum Type {
        EQUAL("="), NOT_EQUAL("!="), REGEX("=~"), NOT_REGEX("!~");

        private final String op;

        Type(String op) {
            this.op = op;
        }

        public String op() {
            return op;
        }

        public boolean isRegex() {
            return this == REGEX || this == NOT_REGEX;
        }

        public boolean isEqual() {
            return this == EQUAL || this == REGEX;
        }

        public static Type of(boolean isRegex, boolean isEqual) {
            return isRegex ? (isEqual ? REGEX : NOT_REGEX) : (isEqual ? EQUAL : NOT_EQUAL);
        }
    }

    /** Builds a matcher; a bad regular expression is an {@link IllegalArgumentException} with the reason. */
    public static Matcher of(String name, Type type, String value) {
        Pattern p = null;
        if (type.isRegex()) {
            try {
                p = Pattern.compile("^(?:" + value + ")$", Pattern.DOTALL);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("invalid regular expression \"" + value + "\": " + e.getDescription());
            }
        }
        return new Matcher(name, type, value, p);
    }

    public boolean matches(String labelValue) {
        String v = labelValue == null ? "" : labelValue;
        return switch (type) {
            case EQUAL -> v.equals(value);
            case NOT_EQUAL -> !v.equals(value);
            case REGEX -> pattern.matcher(v).matches();
            case NOT_REGEX -> !pattern.matcher(v).matches();
        };
    }

    public boolean matches(Map<String, String> labels) {
        return matches(labels.get(name));
    }

    /** All matchers match (an empty list matches everything). */
    public static boolean all(Iterable<Matcher> matchers, Map<String, String> labels) {
        for (Matcher m : matchers) {
            if (!m.matches(labels)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return name + type.op + '"' + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + '"';
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Matcher m && m.name.equals(name) && m.type == type && m.value.equals(value);
    }

    @Override
    public int hashCode() {
        return (name.hashCode() * 31 + type.hashCode()) * 31 + value.hashCode();
    }
}

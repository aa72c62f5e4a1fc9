package io.vigil.query.storage;

import java.util.Map;

/**
 * The few places where Prometheus' regex dialect (Go RE2) and java.util.regex disagree on a pattern
 * both accept, and the Java features RE2 refuses. Patterns are checked with java.util.regex, so:
 *
 * <ul>
 * <li>refused, as Prometheus refuses them: backreferences ({@code \1}, {@code \k<n>}), lookaround,
 * atomic groups, possessive quantifiers, and the {@code U} flag (ungreedy in RE2, Unicode classes in
 * Java: the same letter, a different meaning);
 * <li>translated: {@code (?P<name>…)} to {@code (?<name>…)}, POSIX classes such as {@code [[:alpha:]]}
 * to {@code \p{Alpha}}, {@code \v} (only the vertical tab in RE2) to {@code \x0B}, and a literal
 * {@code [} or {@code &} inside a class (a union or an intersection in Java) escaped.
 * </ul>
 */
final class Re2Syntax {
    private static final Map<String, String> POSIX = Map.ofEntries(Map.entry("alnum", "Alnum"),
            Map.entry("alpha", "Alpha"), Map.entry("ascii", "ASCII"), Map.entry("blank", "Blank"),
            Map.entry("cntrl", "Cntrl"), Map.entry("digit", "Digit"), Map.entry("graph", "Graph"),
            Map.entry("lower", "Lower"), Map.entry("print", "Print"), Map.entry("punct", "Punct"),
            Map.entry("space", "Space"), Map.entry("upper", "Upper"), Map.entry("xdigit", "XDigit"));

    private Re2Syntax() {
    }

    /** A description of the first construct RE2 does not accept, or null. */
    static String unsupportedConstruct(String re) {
        boolean inClass = false;
        int classStart = -1;
        for (int i = 0; i < re.length(); i++) {
            char c = re.charAt(i);
            if (c == '\\' && i + 1 < re.length()) {
                char n = re.charAt(++i);
                if (n >= '1' && n <= '9' || n == 'k' && !inClass) {
                    return "backreference \\" + n;
                }
                if (n == 'Q') {
                    int end = re.indexOf("\\E", i);
                    i = end < 0 ? re.length() : end + 1;
                }
                continue;
            }
            if (inClass) {
                if (c == ']' && i > classStart + 1 && !(i == classStart + 2 && re.charAt(classStart + 1) == '^')) {
                    inClass = false;
                } else if (c == '[' && i + 1 < re.length() && re.charAt(i + 1) == ':') {
                    int end = re.indexOf(":]", i + 2);
                    if (end > 0) {
                        i = end + 1;
                    }
                }
                continue;
            }
            if (c == '[') {
                inClass = true;
                classStart = i;
            } else if (c == '(' && re.startsWith("(?", i)) {
                String problem = groupProblem(re, i + 2);
                if (problem != null) {
                    return problem;
                }
                i++; // the '?' is not a quantifier
            } else if ((c == '*' || c == '+' || c == '?' || c == '}' && closesRepeat(re, i)) && i + 1 < re.length()
                    && re.charAt(i + 1) == '+') {
                return "possessive quantifier " + c + "+";
            }
        }
        return null;
    }

    private static String groupProblem(String re, int i) {
        if (re.startsWith("=", i) || re.startsWith("!", i) || re.startsWith("<=", i) || re.startsWith("<!", i)) {
            return "lookaround (?" + re.charAt(i) + (re.charAt(i) == '<' ? String.valueOf(re.charAt(i + 1)) : "");
        }
        if (re.startsWith(">", i)) {
            return "atomic group (?>";
        }
        for (int j = i; j < re.length(); j++) {
            char f = re.charAt(j);
            if (f == ')' || f == ':') {
                break;
            }
            if (f == 'U') {
                return "flag U";
            }
            if ("imsx-".indexOf(f) < 0) {
                break;
            }
        }
        return null;
    }

    /** Whether the '}' at i ends a repetition {n}, {n,} or {n,m}. */
    private static boolean closesRepeat(String re, int i) {
        int open = re.lastIndexOf('{', i);
        return open >= 0 && re.substring(open + 1, i).matches("\\d+(,\\d*)?");
    }

    /** The Java spelling of an RE2 pattern that {@link #unsupportedConstruct} accepted. */
    static String toJava(String re) {
        StringBuilder out = new StringBuilder(re.length() + 8);
        boolean inClass = false;
        int classStart = -1;
        for (int i = 0; i < re.length(); i++) {
            char c = re.charAt(i);
            if (c == '\\' && i + 1 < re.length()) {
                char n = re.charAt(i + 1);
                if (n == 'v') {
                    out.append("\\x0B");
                } else if (n == 'Q') {
                    int end = re.indexOf("\\E", i + 2);
                    int stop = end < 0 ? re.length() : end + 2;
                    out.append(re, i, stop);
                    i = stop - 2;
                } else {
                    out.append(c).append(n);
                }
                i++;
                continue;
            }
            if (inClass) {
                if (c == ']' && i > classStart + 1 && !(i == classStart + 2 && re.charAt(classStart + 1) == '^')) {
                    inClass = false;
                } else if (c == '[' && re.startsWith("[:", i)) {
                    int end = re.indexOf(":]", i + 2);
                    if (end > 0) {
                        String name = re.substring(i + 2, end);
                        boolean negated = name.startsWith("^");
                        String java = POSIX.get(negated ? name.substring(1) : name);
                        if (java != null || name.equals("word") || name.equals("^word")) {
                            out.append(java == null ? (negated ? "\\W" : "\\w")
                                    : (negated ? "\\P{" : "\\p{") + java + "}");
                            i = end + 1;
                            continue;
                        }
                    }
                }
                // Inside an RE2 class '[' and '&' are literal; in Java they start a union or "&&".
                out.append(c == '[' || c == '&' ? "\\" + c : String.valueOf(c));
                continue;
            }
            if (c == '[') {
                inClass = true;
                classStart = i;
            } else if (re.startsWith("(?P<", i)) {
                out.append("(?<");
                i += 3;
                continue;
            }
            out.append(c);
        }
        return out.toString();
    }
}

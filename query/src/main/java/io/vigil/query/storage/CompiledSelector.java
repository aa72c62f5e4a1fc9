package io.vigil.query.storage;

import io.vigil.promql.ast.LabelMatcher;
import io.vigil.promql.ast.LabelMatcher.MatchType;
import io.vigil.query.promql.LabelSet;
import io.vigil.query.promql.QueryException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The matchers of one selector, validated and compiled for checking catalogue rows in Java. SQL only
 * narrows the candidates (see {@link CatalogueFilter}); every candidate is checked here, so the answer
 * follows Prometheus' rules whatever the database's regex dialect does.
 *
 * <p>Prometheus rules kept here: a regex matches the whole value and {@code .} matches a newline (RE2
 * {@code ^(?s:re)$}); an absent label has the value {@code ""}, so {@code l=""} matches series without
 * {@code l} and {@code l!=""} requires it; a selector whose matchers all match the empty string would
 * select every series and is refused. Regex features RE2 does not have (backreferences, lookaround,
 * atomic groups, possessive quantifiers) are refused as Prometheus refuses them, which also keeps
 * catastrophic backtracking out of reach of most hostile patterns; {@link DeadlineText} stops the rest.
 */
public final class CompiledSelector {
    /** Longest regex accepted: far beyond any hand-written selector, short of a denial of service. */
    static final int MAX_REGEX_LENGTH = 16_384;

    /** One matcher; {@code pattern} is null for = and !=. */
    public record Matcher(String name, MatchType type, String value, Pattern pattern) {
        /** Whether a label value (empty when the label is absent) satisfies this matcher. */
        public boolean matches(CharSequence labelValue) {
            return switch (type) {
                case EQUAL -> value.contentEquals(labelValue);
                case NOT_EQUAL -> !value.contentEquals(labelValue);
                case REGEX -> pattern.matcher(labelValue).matches();
                case NOT_REGEX -> !pattern.matcher(labelValue).matches();
            };
        }

        boolean matchesEmpty() {
            return matches("");
        }

        boolean isMetricName() {
            return name.equals(LabelMatcher.METRIC_NAME);
        }
    }

    private final List<Matcher> matchers;

    private CompiledSelector(List<Matcher> matchers) {
        this.matchers = matchers;
    }

    /** Compiles and validates; throws BAD_DATA for an invalid regex or a selector matching everything. */
    public static CompiledSelector compile(List<LabelMatcher> matchers) {
        List<Matcher> compiled = new ArrayList<>(matchers.size());
        for (LabelMatcher m : matchers) {
            Pattern pattern = switch (m.type()) {
                case REGEX, NOT_REGEX -> compileRegex(m.value());
                default -> null;
            };
            compiled.add(new Matcher(m.name(), m.type(), m.value(), pattern));
        }
        CompiledSelector selector = new CompiledSelector(List.copyOf(compiled));
        if (compiled.stream().allMatch(Matcher::matchesEmpty)) {
            throw new QueryException(QueryException.Kind.BAD_DATA,
                    "vector selector must contain at least one non-empty matcher: " + selector);
        }
        return selector;
    }

    static Pattern compileRegex(String regex) {
        if (regex.length() > MAX_REGEX_LENGTH) {
            throw new QueryException(QueryException.Kind.BAD_DATA,
                    "regex of " + regex.length() + " characters is longer than the limit of " + MAX_REGEX_LENGTH);
        }
        String unsupported = Re2Syntax.unsupportedConstruct(regex);
        if (unsupported != null) {
            throw new QueryException(QueryException.Kind.BAD_DATA,
                    "invalid regular expression \"" + regex + "\": " + unsupported + " is not supported (RE2 syntax)");
        }
        String java = Re2Syntax.toJava(regex);
        try {
            // Compiled alone first so that "a)|(b" cannot escape the anchoring group below.
            Pattern.compile(java);
            return Pattern.compile("(?s:" + java + ")");
        } catch (PatternSyntaxException e) {
            throw new QueryException(QueryException.Kind.BAD_DATA,
                    "invalid regular expression \"" + regex + "\": " + e.getDescription());
        }
    }

    public List<Matcher> matchers() {
        return matchers;
    }

    /** Whether a series' labels (the metric name as {@code __name__}) satisfy every matcher. */
    public boolean matches(LabelSet labels, DeadlineText text) {
        for (Matcher m : matchers) {
            String v = labels.get(m.name());
            String value = v == null ? "" : v;
            if (!m.matches(m.pattern() == null ? value : text.of(value))) {
                return false;
            }
        }
        return true;
    }

    /** Prometheus notation, for error messages: {@code {__name__="up", job=~"api.*"}}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < matchers.size(); i++) {
            Matcher m = matchers.get(i);
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(m.name()).append(m.type().symbol()).append('"')
                    .append(m.value().replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n")).append('"');
        }
        return sb.append('}').toString();
    }
}

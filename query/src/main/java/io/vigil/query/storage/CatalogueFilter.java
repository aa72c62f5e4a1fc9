package io.vigil.query.storage;

import io.vigil.query.storage.CompiledSelector.Matcher;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The SQL condition on {@code series} that narrows the catalogue to a selector's candidates. Every
 * condition is implied by its matcher (a candidate may fail the Java check, a match is never lost):
 *
 * <ul>
 * <li>{@code l="v"}: all of them in one {@code labels @> {...}} on the GIN index; {@code __name__="v"}:
 * {@code metric_name = ?} on its btree index;
 * <li>{@code l=""}, {@code l!="v"} and regexes that are literal sets or prefixes ({@link RegexPrefilter}):
 * exact conditions on {@code coalesce(labels->>'l', '')}, a set of literals without "" as an OR of
 * containments, so the GIN index still serves it;
 * <li>any other regex: only whether the label must be present (when the regex cannot match "") or
 * nothing; the Java check decides.
 * </ul>
 *
 * {@code exact} says whether SQL alone decided every matcher, so the lookup can stop at the series
 * limit instead of scanning candidates.
 */
record CatalogueFilter(String where, List<Object> params, boolean exact) {
    /** Literal sets larger than this are checked with {@code = ANY} instead of one containment each. */
    private static final int MAX_CONTAINMENT_ALTERNATIVES = 32;

    static CatalogueFilter of(CompiledSelector selector) {
        StringBuilder where = new StringBuilder("TRUE");
        List<Object> params = new ArrayList<>();
        List<String> contained = new ArrayList<>();
        boolean exact = true;
        for (Matcher m : selector.matchers()) {
            String value = m.isMetricName() ? "metric_name" : "coalesce(labels->>?, '')";
            List<Object> valueParams = m.isMetricName() ? List.of() : List.of(m.name());
            RegexPrefilter regex = m.pattern() == null ? null : RegexPrefilter.analyze(m.value());
            switch (m.type()) {
                case EQUAL -> {
                    if (!m.isMetricName() && !m.value().isEmpty()) {
                        contained.add(m.name());
                        contained.add(m.value());
                    } else {
                        add(where, params, value + " = ?", valueParams, m.value());
                    }
                }
                case NOT_EQUAL -> add(where, params, value + " <> ?", valueParams, m.value());
                case REGEX -> {
                    if (regex instanceof RegexPrefilter.Values v) {
                        if (!m.isMetricName() && !v.values().contains("")
                                && v.values().size() <= MAX_CONTAINMENT_ALTERNATIVES) {
                            anyContains(where, params, m.name(), v.values());
                        } else {
                            add(where, params, value + " = ANY(?)", valueParams, v.values().toArray(String[]::new));
                        }
                    } else if (regex instanceof RegexPrefilter.Prefix p) {
                        add(where, params, "starts_with(" + value + ", ?)", valueParams, p.prefix());
                    } else {
                        exact = false;
                        requirePresenceUnlessEmptyMatches(where, params, m);
                    }
                }
                case NOT_REGEX -> {
                    if (regex instanceof RegexPrefilter.Values v) {
                        add(where, params, value + " <> ALL(?)", valueParams, v.values().toArray(String[]::new));
                    } else if (regex instanceof RegexPrefilter.Prefix p) {
                        add(where, params, "NOT starts_with(" + value + ", ?)", valueParams, p.prefix());
                    } else {
                        exact = false;
                        requirePresenceUnlessEmptyMatches(where, params, m);
                    }
                }
            }
        }
        if (!contained.isEmpty()) {
            where.append(" AND labels @> jsonb_build_object(")
                    .append(String.join(", ", Collections.nCopies(contained.size(), "?::text"))).append(')');
            params.addAll(contained);
        }
        return new CatalogueFilter(where.toString(), List.copyOf(params), exact);
    }

    /** A matcher that refuses "" refuses every series without the label (metric names are never empty). */
    private static void requirePresenceUnlessEmptyMatches(StringBuilder where, List<Object> params, Matcher m) {
        if (!m.matchesEmpty() && !m.isMetricName()) {
            add(where, params, "coalesce(labels->>?, '') <> ?", List.of(m.name()), "");
        }
    }

    private static void add(StringBuilder where, List<Object> params, String condition, List<Object> valueParams,
            Object operand) {
        where.append(" AND ").append(condition);
        params.addAll(valueParams);
        params.add(operand);
    }

    private static void anyContains(StringBuilder where, List<Object> params, String name, List<String> values) {
        where.append(" AND (");
        for (int i = 0; i < values.size(); i++) {
            where.append(i > 0 ? " OR " : "").append("labels @> jsonb_build_object(?::text, ?::text)");
            params.add(name);
            params.add(values.get(i));
        }
        where.append(')');
    }
}

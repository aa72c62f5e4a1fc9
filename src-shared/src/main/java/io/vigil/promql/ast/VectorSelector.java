package io.vigil.promql.ast;

import java.util.List;

/**
 * An instant vector selector such as {@code http_requests_total{job="api"} offset 5m @ 1700000000}.
 * {@code matchers} include the metric name as a {@code __name__} matcher when one was written; {@code
 * name} repeats it for printing (null when the selector has only braces).
 */
public record VectorSelector(String name, List<LabelMatcher> matchers, long offsetMillis, AtModifier at)
        implements Expr {
    public VectorSelector {
        matchers = List.copyOf(matchers);
    }

    @Override
    public ValueType type() {
        return ValueType.VECTOR;
    }

    /** Canonical PromQL text; see {@link PromqlPrinter}. */
    @Override
    public String toString() {
        return PromqlPrinter.print(this);
    }
}

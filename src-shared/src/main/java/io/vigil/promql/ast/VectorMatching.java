package io.vigil.promql.ast;

import java.util.List;

/**
 * How the two sides of a vector/vector binary operation are matched: {@code on(…)} or {@code
 * ignoring(…)} ({@code on} true/false), and {@code group_left(…)}/{@code group_right(…)} with the
 * labels to copy from the "one" side. {@link #DEFAULT} is one-to-one matching on all labels but the
 * metric name.
 */
public record VectorMatching(Cardinality cardinality, List<String> matchingLabels, boolean on, List<String> include) {
    public static final VectorMatching DEFAULT = new VectorMatching(Cardinality.ONE_TO_ONE, List.of(), false, List.of());

    public enum Cardinality {
        ONE_TO_ONE, MANY_TO_ONE, ONE_TO_MANY, MANY_TO_MANY
    }

    public VectorMatching {
        matchingLabels = List.copyOf(matchingLabels);
        include = List.copyOf(include);
    }

    /** Canonical PromQL text; see {@link PromqlPrinter}. */
    @Override
    public String toString() {
        return PromqlPrinter.print(this);
    }
}

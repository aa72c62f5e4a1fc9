package io.vigil.promql.ast;

import java.util.List;

/**
 * An aggregation: {@code sum by (job) (x)}, {@code topk(3, x)}, {@code count_values("v", x)}.
 * {@code param} is the first argument of topk, bottomk, quantile, count_values and limitk (else null).
 * {@code without} selects {@code without (…)} instead of {@code by (…)}; an empty {@code by} list
 * aggregates everything into one series.
 */
public record Aggregate(AggregateOp op, Expr expr, Expr param, List<String> grouping, boolean without) implements Expr {
    public Aggregate {
        grouping = List.copyOf(grouping);
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

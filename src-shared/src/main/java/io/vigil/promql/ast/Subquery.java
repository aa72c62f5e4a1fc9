package io.vigil.promql.ast;

/**
 * A subquery: {@code expr[range:step] offset … @ …}. {@code stepMillis} is 0 when the step was left out
 * ({@code [1h:]}), meaning the evaluator's default resolution.
 */
public record Subquery(Expr expr, long rangeMillis, long stepMillis, long offsetMillis, AtModifier at) implements Expr {
    @Override
    public ValueType type() {
        return ValueType.MATRIX;
    }

    /** Canonical PromQL text; see {@link PromqlPrinter}. */
    @Override
    public String toString() {
        return PromqlPrinter.print(this);
    }
}

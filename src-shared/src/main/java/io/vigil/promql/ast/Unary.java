package io.vigil.promql.ast;

/** Unary minus or plus: {@code -x}. */
public record Unary(boolean negate, Expr expr) implements Expr {
    @Override
    public ValueType type() {
        return expr.type();
    }

    /** Canonical PromQL text; see {@link PromqlPrinter}. */
    @Override
    public String toString() {
        return PromqlPrinter.print(this);
    }
}

package io.vigil.promql.ast;

/** A parenthesized expression, kept so that printing preserves the author's grouping. */
public record Paren(Expr expr) implements Expr {
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

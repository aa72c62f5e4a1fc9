package io.vigil.promql.ast;

/** A range vector selector: {@code selector[5m]}. Offset and {@code @} live on the inner selector. */
public record MatrixSelector(VectorSelector selector, long rangeMillis) implements Expr {
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

package io.vigil.promql.ast;

/**
 * A binary operation. {@code returnBool} is the {@code bool} modifier of comparisons; {@code matching}
 * is null when at least one side is a scalar.
 */
public record Binary(BinaryOp op, Expr lhs, Expr rhs, boolean returnBool, VectorMatching matching) implements Expr {
    @Override
    public ValueType type() {
        return lhs.type() == ValueType.SCALAR && rhs.type() == ValueType.SCALAR ? ValueType.SCALAR : ValueType.VECTOR;
    }

    /** Canonical PromQL text; see {@link PromqlPrinter}. */
    @Override
    public String toString() {
        return PromqlPrinter.print(this);
    }
}

package io.vigil.promql.ast;

/** A number literal: {@code 1}, {@code 1.5e3}, {@code 0x1F}, {@code Inf}, {@code NaN}, or a duration used as a number. */
public record NumberLiteral(double value) implements Expr {
    @Override
    public ValueType type() {
        return ValueType.SCALAR;
    }

    /** Canonical PromQL text; see {@link PromqlPrinter}. */
    @Override
    public String toString() {
        return PromqlPrinter.print(this);
    }
}

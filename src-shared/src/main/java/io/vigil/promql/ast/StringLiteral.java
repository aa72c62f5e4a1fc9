package io.vigil.promql.ast;

/** A string literal, already unescaped. */
public record StringLiteral(String value) implements Expr {
    @Override
    public ValueType type() {
        return ValueType.STRING;
    }

    /** Canonical PromQL text; see {@link PromqlPrinter}. */
    @Override
    public String toString() {
        return PromqlPrinter.print(this);
    }
}

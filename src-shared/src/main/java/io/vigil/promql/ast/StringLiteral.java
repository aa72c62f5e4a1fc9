package io.vigil.promql.ast;

/** A string literal, already unescaped. */
public record StringLiteral(String value) implements Expr {
    @Override
    public ValueType type() {
        return ValueType.STRING;
    }
}

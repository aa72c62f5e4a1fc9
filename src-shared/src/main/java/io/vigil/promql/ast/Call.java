package io.vigil.promql.ast;

import java.util.List;

/** A function call such as {@code rate(x[5m])}; {@code returnType} comes from the function catalogue. */
public record Call(String function, List<Expr> args, ValueType returnType) implements Expr {
    public Call {
        args = List.copyOf(args);
    }

    @Override
    public ValueType type() {
        return returnType;
    }

    /** Canonical PromQL text; see {@link PromqlPrinter}. */
    @Override
    public String toString() {
        return PromqlPrinter.print(this);
    }
}

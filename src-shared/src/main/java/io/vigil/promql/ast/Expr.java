package io.vigil.promql.ast;

/**
 * A parsed PromQL expression. Nodes are immutable records; {@link #toString()} prints the expression
 * in canonical PromQL (normalized spacing, durations and quoting), so two queries that differ only in
 * formatting print the same text — the query tier uses that text as its cache key.
 *
 * <p>Positions ({@code pos}) are character offsets into the query text, for error messages that point
 * at the offending part; they do not take part in equality.
 */
public sealed interface Expr permits NumberLiteral, StringLiteral, VectorSelector, MatrixSelector, Subquery, Call,
        Aggregate, Binary, Unary, Paren {

    /** The PromQL type this expression evaluates to. */
    ValueType type();
}

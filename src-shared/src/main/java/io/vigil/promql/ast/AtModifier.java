package io.vigil.promql.ast;

/**
 * The {@code @} modifier of a selector or subquery: a fixed evaluation time, or the start or end of
 * the (range) query. {@link #NONE} when absent.
 */
public record AtModifier(Kind kind, long timestampMillis) {
    public static final AtModifier NONE = new AtModifier(Kind.NONE, 0);

    public enum Kind {
        NONE, TIMESTAMP, START, END
    }

    public static AtModifier at(long timestampMillis) {
        return new AtModifier(Kind.TIMESTAMP, timestampMillis);
    }

    public boolean present() {
        return kind != Kind.NONE;
    }

    /** Canonical PromQL text; see {@link PromqlPrinter}. */
    @Override
    public String toString() {
        return PromqlPrinter.print(this);
    }
}

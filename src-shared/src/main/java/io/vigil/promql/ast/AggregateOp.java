package io.vigil.promql.ast;

/** Aggregation operators; {@link #hasParam()} is true for those taking a first parameter. */
public enum AggregateOp {
    SUM, AVG, MIN, MAX, COUNT, GROUP, STDDEV, STDVAR, TOPK(true), BOTTOMK(true), QUANTILE(true),
    COUNT_VALUES(true), LIMITK(true), LIMIT_RATIO(true);

    private final boolean param;

    AggregateOp() {
        this(false);
    }

    AggregateOp(boolean param) {
        this.param = param;
    }

    public boolean hasParam() {
        return param;
    }

    /** The keyword as written in PromQL: {@code count_values}. */
    public String keyword() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}

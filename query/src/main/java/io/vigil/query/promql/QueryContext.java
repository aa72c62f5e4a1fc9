package io.vigil.query.promql;

/**
 * Per-query bookkeeping shared by the evaluator and storage: the limits, the deadline, the samples
 * loaded so far, and the tiers that answered. Confined to the thread evaluating the query.
 */
public final class QueryContext {
    private final QueryLimits limits;
    private final long deadlineNanos;
    private long samplesLoaded;
    private String finestTier;

    public QueryContext(QueryLimits limits) {
        this.limits = limits;
        this.deadlineNanos = System.nanoTime() + limits.timeout().toNanos();
    }

    public QueryLimits limits() {
        return limits;
    }

    /** Throws a timeout error once the deadline has passed; called between steps and after storage reads. */
    public void checkDeadline() {
        if (System.nanoTime() - deadlineNanos > 0) {
            throw new QueryException(QueryException.Kind.TIMEOUT,
                    "query timed out in expression evaluation (limit " + limits.timeout().toMillis() + " ms)");
        }
    }

    /** Counts loaded samples against the limit. */
    public void addSamples(long count) {
        samplesLoaded += count;
        if (samplesLoaded > limits.maxSamples()) {
            throw new QueryException(QueryException.Kind.EXECUTION,
                    "query processing would load too many samples into memory (limit " + limits.maxSamples() + ")");
        }
    }

    public long samplesLoaded() {
        return samplesLoaded;
    }

    /** Records that a tier answered part of the query; the finest one is reported. */
    public void usedTier(String tier) {
        if (finestTier == null || tierRank(tier) < tierRank(finestTier)) {
            finestTier = tier;
        }
    }

    private static int tierRank(String tier) {
        return switch (tier) {
            case "raw" -> 0;
            case "1m" -> 1;
            default -> 2;
        };
    }

    /** The finest tier that answered (raw, 1m, 1h), or null when no storage was read. */
    public String finestTier() {
        return finestTier;
    }
}

package io.vigil.query.storage;

import io.vigil.query.promql.Selection;
import java.time.Clock;
import java.util.Set;

/**
 * Picks the tier that answers one PromQL {@link Selection}.
 *
 * <p>The selection tolerates buckets up to:
 * <ul>
 * <li>the step of a range query (a coarser bucket would blur two steps into one); an instant query has
 * no step and tolerates none: it reads one window per series, cheap from raw, and alert rules (instant
 * queries) get exact answers while raw holds their window;
 * <li>for a range selector, also a fifth of its window: {@code rate(x[5m])} keeps at least five buckets
 * per window, so a bucket cut at either window edge moves the answer by at most a fifth of a window;
 * <li>zero for functions that rollups cannot answer: {@link #RAW_ONLY}.
 * </ul>
 * Then: raw when the tolerance is below the finest rollup bucket and raw still holds the whole range
 * (from {@code minTime} on); otherwise the coarsest tier whose bucket fits the tolerance and whose
 * retention holds the whole range; when none fits, the finest tier that still holds the range (an old
 * range is answered coarser than asked rather than not at all), the 1h tier for ranges older than every
 * retention. So a 30-day panel (step of 1h or more) never reads raw samples, and a 1-day panel at a 1m
 * step reads 1m buckets.
 */
public final class PromqlTierSelector {
    /** Functions whose answer depends on every sample, not on per-bucket aggregates and end points. */
    static final Set<String> RAW_ONLY = Set.of("quantile_over_time", "stddev_over_time", "stdvar_over_time",
            "mad_over_time", "changes", "resets", "irate", "idelta", "deriv", "predict_linear", "holt_winters",
            "double_exponential_smoothing");

    /** Aggregates over time that whole buckets answer exactly (min of mins, sum of sums, ...). */
    static final Set<String> EXACT_FROM_BUCKETS = Set.of("min_over_time", "max_over_time", "sum_over_time",
            "count_over_time", "avg_over_time");

    private static final Tier[] COARSEST_FIRST = {Tier.ONE_HOUR, Tier.ONE_MINUTE, Tier.RAW};
    private static final Tier[] FINEST_FIRST = {Tier.RAW, Tier.ONE_MINUTE, Tier.ONE_HOUR};

    private final Clock clock;

    public PromqlTierSelector(Clock clock) {
        this.clock = clock;
    }

    public Tier select(Selection selection) {
        long tolerance = toleratedBucketMillis(selection);
        long now = clock.millis();
        long start = selection.minTimeMillis();
        for (Tier tier : COARSEST_FIRST) {
            boolean fits = tier.bucket().toMillis() <= tolerance || exactFromBuckets(selection, tier.bucket().toMillis());
            if (fits && holds(tier, start, now)) {
                return tier;
            }
        }
        for (Tier tier : FINEST_FIRST) {
            if (holds(tier, start, now)) {
                return tier;
            }
        }
        return Tier.ONE_HOUR;
    }

    /**
     * Whether buckets of this width answer the selection exactly: an aggregate over time whose window
     * and step are whole buckets and whose steps end 1 ms before a bucket boundary, so every window is
     * whole buckets (the native range API asks such selections).
     */
    static boolean exactFromBuckets(Selection s, long bucket) {
        return bucket > 0 && s.function() != null && EXACT_FROM_BUCKETS.contains(s.function()) && s.rangeMillis() > 0
                && s.rangeMillis() % bucket == 0 && s.stepMillis() > 0 && s.stepMillis() % bucket == 0
                && Math.floorMod(s.maxTimeMillis() + 1, bucket) == 0;
    }

    /** The widest bucket the selection can be answered from without losing the resolution it asks for. */
    static long toleratedBucketMillis(Selection s) {
        if (s.function() != null && RAW_ONLY.contains(s.function())) {
            return 0;
        }
        long tolerance = Math.max(0, s.stepMillis());
        return s.rangeMillis() > 0 ? Math.min(tolerance, s.rangeMillis() / 5) : tolerance;
    }

    private static boolean holds(Tier tier, long start, long now) {
        return start >= now - tier.retention().toMillis();
    }
}

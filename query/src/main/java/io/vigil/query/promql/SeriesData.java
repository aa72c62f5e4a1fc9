package io.vigil.query.promql;

/**
 * The data of one series for one {@link Selection}, in increasing time order.
 *
 * <p>From the raw tier, {@code times}/{@code values} are the stored samples (a staleness marker is
 * the NaN with bits {@link #STALE_NAN_BITS}) and {@code rollup} is null.
 *
 * <p>From a rollup tier, {@code times}/{@code values} are the first and the last sample of every
 * bucket (one point when they coincide), which is what instant selectors, rate, increase, delta,
 * resets and changes look at; {@code rollup} carries the per-bucket aggregates that min/max/sum/
 * count/avg_over_time use instead of points. Arrays may be longer than {@code size}.
 */
public record SeriesData(LabelSet labels, long[] times, double[] values, int size, Rollup rollup, String tier) {
    /** Prometheus' staleness marker: a NaN with this exact bit pattern. */
    public static final long STALE_NAN_BITS = 0x7ff0000000000002L;

    public static boolean isStale(double v) {
        return Double.doubleToRawLongBits(v) == STALE_NAN_BITS;
    }

    /** Per-bucket aggregates of a rollup tier; bucket i covers [start[i], start[i] + bucketMillis). */
    public record Rollup(long bucketMillis, long[] start, double[] min, double[] max, double[] sum, long[] count,
            int size) {
    }
}

package io.vigil.query.promql.engine;

import io.vigil.query.promql.SeriesData;

/**
 * min/max/sum/count/avg_over_time answered from per-bucket aggregates. Edge rule: a bucket
 * {@code [s, s + b)} belongs to the window of a step ending at t when it lies wholly inside
 * {@code [t - range, t]}, i.e. {@code s >= t - range} and {@code s + b <= t}. For windows aligned to
 * the bucket size this counts exactly range/b buckets; the raw window {@code (t - range, t]} differs
 * only in the samples lying exactly on its two edges. Buckets that straddle an edge are left out.
 *
 * <p>A step ending 1 ms before a bucket boundary (t = k*b - 1) is exact: its raw window
 * {@code (t - range, t]} is the whole buckets {@code [t + 1 - range, t + 1)}, so it is counted as ending
 * at t + 1. The native range API evaluates at such times to answer bucketed aggregations exactly.
 */
final class RollupWindows {
    private RollupWindows() {
    }

    static void apply(String fn, SeriesData.Rollup r, long range, long[] ends, StepSeries out) {
        long[] start = r.start();
        long b = r.bucketMillis();
        int n = r.size();
        int lo = 0;
        int hi = 0;
        for (int i = 0; i < ends.length; i++) {
            long end = Math.floorMod(ends[i] + 1, b) == 0 ? ends[i] + 1 : ends[i];
            if (i > 0 && ends[i] < ends[i - 1]) {
                lo = 0;
                hi = 0;
            }
            while (hi < n && start[hi] + b <= end) {
                hi++;
            }
            while (lo < hi && start[lo] < end - range) {
                lo++;
            }
            if (hi == lo) {
                continue;
            }
            out.set(i, switch (fn) {
                case "min_over_time" -> OverTime.min(r.min(), lo, hi);
                case "max_over_time" -> OverTime.max(r.max(), lo, hi);
                case "sum_over_time" -> OverTime.sum(r.sum(), lo, hi);
                case "count_over_time" -> count(r.count(), lo, hi);
                case "avg_over_time" -> OverTime.sum(r.sum(), lo, hi) / count(r.count(), lo, hi);
                default -> throw new IllegalArgumentException(fn);
            });
        }
    }

    private static double count(long[] counts, int lo, int hi) {
        long c = 0;
        for (int i = lo; i < hi; i++) {
            c += counts[i];
        }
        return c;
    }
}

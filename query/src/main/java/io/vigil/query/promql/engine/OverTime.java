package io.vigil.query.promql.engine;

import java.util.Arrays;

/** The *_over_time aggregates over the points {@code [lo, hi)} of one window. */
final class OverTime {
    private OverTime() {
    }

    static double aggregate(String fn, double[] v, int lo, int hi) {
        return switch (fn) {
            case "sum_over_time" -> sum(v, lo, hi);
            case "avg_over_time" -> avg(v, lo, hi);
            case "count_over_time" -> hi - lo;
            case "min_over_time" -> min(v, lo, hi);
            case "max_over_time" -> max(v, lo, hi);
            case "stddev_over_time" -> Math.sqrt(variance(v, lo, hi));
            case "stdvar_over_time" -> variance(v, lo, hi);
            case "last_over_time" -> v[hi - 1];
            case "present_over_time" -> 1;
            default -> throw new IllegalArgumentException(fn);
        };
    }

    /** Kahan-Neumaier summation, so long windows of small increments do not drift. */
    static double sum(double[] v, int lo, int hi) {
        double sum = 0;
        double c = 0;
        for (int i = lo; i < hi; i++) {
            double x = v[i];
            double t = sum + x;
            if (Math.abs(sum) >= Math.abs(x)) {
                c += (sum - t) + x;
            } else {
                c += (x - t) + sum;
            }
            sum = t;
        }
        return Double.isInfinite(sum) ? sum : sum + c;
    }

    static double avg(double[] v, int lo, int hi) {
        double sum = sum(v, lo, hi);
        if (!Double.isInfinite(sum)) {
            return sum / (hi - lo);
        }
        // The sum overflowed; an incremental mean stays finite when the values are.
        double mean = 0;
        for (int i = lo; i < hi; i++) {
            mean += (v[i] - mean) / (i - lo + 1);
        }
        return mean;
    }

    /** NaN only when every value is NaN, as in Prometheus. */
    static double min(double[] v, int lo, int hi) {
        double m = v[lo];
        for (int i = lo + 1; i < hi; i++) {
            if (v[i] < m || Double.isNaN(m)) {
                m = v[i];
            }
        }
        return m;
    }

    static double max(double[] v, int lo, int hi) {
        double m = v[lo];
        for (int i = lo + 1; i < hi; i++) {
            if (v[i] > m || Double.isNaN(m)) {
                m = v[i];
            }
        }
        return m;
    }

    /** Population variance (Welford). */
    static double variance(double[] v, int lo, int hi) {
        double mean = 0;
        double m2 = 0;
        int n = 0;
        for (int i = lo; i < hi; i++) {
            n++;
            double delta = v[i] - mean;
            mean += delta / n;
            m2 += delta * (v[i] - mean);
        }
        return m2 / n;
    }

    /**
     * The φ-quantile of the first {@code n} values (sorted in place), interpolating linearly between
     * neighbouring ranks; φ below 0 gives -Inf, above 1 +Inf. NaN values sort first, as Go's sort
     * does in Prometheus.
     */
    static double quantile(double q, double[] values, int n) {
        if (n == 0 || Double.isNaN(q)) {
            return Double.NaN;
        }
        if (q < 0) {
            return Double.NEGATIVE_INFINITY;
        }
        if (q > 1) {
            return Double.POSITIVE_INFINITY;
        }
        sortNaNFirst(values, n);
        double rank = q * (n - 1);
        int lower = (int) Math.max(0, Math.floor(rank));
        int upper = Math.min(n - 1, lower + 1);
        double weight = rank - Math.floor(rank);
        return values[lower] * (1 - weight) + values[upper] * weight;
    }

    private static void sortNaNFirst(double[] values, int n) {
        Arrays.sort(values, 0, n); // NaN last
        int nan = 0;
        while (nan < n && Double.isNaN(values[n - 1 - nan])) {
            nan++;
        }
        if (nan > 0) {
            System.arraycopy(values, 0, values, nan, n - nan);
            Arrays.fill(values, 0, nan, Double.NaN);
        }
    }

    /** Median absolute deviation from the median of the first {@code n} values (reordered in place). */
    static double mad(double[] values, int n) {
        double median = quantile(0.5, values, n);
        for (int i = 0; i < n; i++) {
            values[i] = Math.abs(values[i] - median);
        }
        return quantile(0.5, values, n);
    }

    /**
     * double_exponential_smoothing (Holt's linear method): the level is smoothed with factor sf, the
     * trend with factor tf, both in (0, 1); the first trend is the first difference. Returns the last level.
     */
    static double smoothed(double[] v, int lo, int hi, double sf, double tf) {
        double previousLevel = 0;
        double level = v[lo];
        double trend = v[lo + 1] - v[lo];
        for (int i = lo + 1; i < hi; i++) {
            if (i > lo + 1) {
                trend = tf * (level - previousLevel) + (1 - tf) * trend;
            }
            double next = sf * v[i] + (1 - sf) * (level + trend);
            previousLevel = level;
            level = next;
        }
        return level;
    }
}

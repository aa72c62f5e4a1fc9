package io.vigil.query.promql.engine;

/**
 * rate, increase, delta, irate, idelta, deriv, predict_linear, resets and changes over the points
 * {@code [lo, hi)} of one window, with Prometheus' rules.
 */
final class Counters {
    private Counters() {
    }

    /**
     * rate/increase/delta. The difference between the first and last point (for counters corrected
     * for resets: a drop means the counter restarted from zero) is extrapolated towards the window
     * edges: all the way when the gap to an edge is under 1.1 average sample intervals, else by half
     * an interval; a counter is never extrapolated below zero. rate divides by the window in seconds.
     */
    static double extrapolated(long[] t, double[] v, int lo, int hi, long rangeStart, long rangeEnd, boolean counter,
            boolean perSecond) {
        int last = hi - 1;
        double result = v[last] - v[lo];
        if (counter) {
            double prev = v[lo];
            for (int i = lo + 1; i < hi; i++) {
                double cur = v[i];
                if (cur < prev) {
                    result += prev;
                }
                prev = cur;
            }
        }
        double toStart = (t[lo] - rangeStart) / 1000.0;
        double toEnd = (rangeEnd - t[last]) / 1000.0;
        double sampled = (t[last] - t[lo]) / 1000.0;
        double average = sampled / (hi - lo - 1);
        double threshold = average * 1.1;
        if (toStart >= threshold) {
            toStart = average / 2;
        }
        if (counter && result > 0 && v[lo] >= 0) {
            double toZero = sampled * (v[lo] / result);
            if (toZero < toStart) {
                toStart = toZero;
            }
        }
        if (toEnd >= threshold) {
            toEnd = average / 2;
        }
        double factor = (sampled + toStart + toEnd) / sampled;
        if (perSecond) {
            factor /= (rangeEnd - rangeStart) / 1000.0;
        }
        return result * factor;
    }

    /** irate/idelta: from the last two points only; irate treats a drop as a counter restart. */
    static double instant(long[] t, double[] v, int hi, boolean rate) {
        double last = v[hi - 1];
        double prev = v[hi - 2];
        if (!rate) {
            return last - prev;
        }
        double diff = last < prev ? last : last - prev;
        return diff / ((t[hi - 1] - t[hi - 2]) / 1000.0);
    }

    /**
     * Least-squares line through the points, x in seconds relative to {@code interceptMillis}. With a
     * NaN {@code at} returns the slope (deriv), else the line's value {@code at} seconds after the
     * intercept time (predict_linear).
     */
    static double regression(long[] t, double[] v, int lo, int hi, long interceptMillis, double at) {
        int n = hi - lo;
        double sumX = 0;
        double sumY = 0;
        double sumXY = 0;
        double sumX2 = 0;
        boolean constY = true;
        for (int i = lo; i < hi; i++) {
            double x = (t[i] - interceptMillis) / 1000.0;
            double y = v[i];
            if (y != v[lo]) {
                constY = false;
            }
            sumX += x;
            sumY += y;
            sumXY += x * y;
            sumX2 += x * x;
        }
        double slope;
        double intercept;
        if (constY && !Double.isInfinite(v[lo])) {
            slope = 0;
            intercept = v[lo];
        } else {
            double covXY = sumXY - sumX * sumY / n;
            double varX = sumX2 - sumX * sumX / n;
            slope = covXY / varX;
            intercept = sumY / n - slope * sumX / n;
        }
        return Double.isNaN(at) ? slope : slope * at + intercept;
    }

    static double resets(double[] v, int lo, int hi) {
        int resets = 0;
        for (int i = lo + 1; i < hi; i++) {
            if (v[i] < v[i - 1]) {
                resets++;
            }
        }
        return resets;
    }

    static double changes(double[] v, int lo, int hi) {
        int changes = 0;
        for (int i = lo + 1; i < hi; i++) {
            double cur = v[i];
            double prev = v[i - 1];
            if (cur != prev && !(Double.isNaN(cur) && Double.isNaN(prev))) {
                changes++;
            }
        }
        return changes;
    }
}

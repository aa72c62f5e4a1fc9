package io.vigil.query.promql.engine;

import io.vigil.query.promql.SeriesData;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Functions of a range vector (rate, *_over_time, …). For each series two cursors slide over its
 * points as the steps advance, so the window of every step is found without searching, and each
 * function reads the points between them in place.
 */
final class RangeFunctions {
    /** Functions answered from the per-bucket aggregates when storage returns a rollup tier. */
    static final Set<String> ROLLUP_AGGREGATES = Set.of("min_over_time", "max_over_time", "sum_over_time",
            "count_over_time", "avg_over_time");

    static final Set<String> NAMES = Set.of("rate", "irate", "increase", "delta", "idelta", "deriv", "predict_linear",
            "resets", "changes", "avg_over_time", "min_over_time", "max_over_time", "sum_over_time", "count_over_time",
            "stddev_over_time", "stdvar_over_time", "last_over_time", "present_over_time", "quantile_over_time",
            "mad_over_time", "double_exponential_smoothing", "holt_winters");

    private RangeFunctions() {
    }

    /**
     * Applies {@code fn} to every window. {@code param} is the per-step scalar argument of
     * quantile_over_time (φ) and predict_linear (t), else null.
     */
    static Value.Vector apply(Evaluator ev, String fn, Value.Range in, double[] param) {
        return apply(ev, fn, in, param, null);
    }

    /** As above; {@code param2} is the trend factor of double_exponential_smoothing (param: smoothing factor). */
    static Value.Vector apply(Evaluator ev, String fn, Value.Range in, double[] param, double[] param2) {
        int steps = ev.steps();
        int minPoints = switch (fn) {
            case "rate", "irate", "increase", "delta", "idelta", "deriv", "predict_linear", "double_exponential_smoothing",
                    "holt_winters" -> 2;
            default -> 1;
        };
        boolean keepName = fn.equals("last_over_time");
        boolean fromRollup = ROLLUP_AGGREGATES.contains(fn);
        long range = in.rangeMillis();
        long[] ends = in.windowEnds();
        double[] scratch = new double[0];
        List<StepSeries> out = new ArrayList<>(in.series().size());
        for (SeriesData d : in.series()) {
            StepSeries s = new StepSeries(keepName ? d.labels() : d.labels().withoutName(), steps);
            if (fromRollup && d.rollup() != null) {
                RollupWindows.apply(fn, d.rollup(), range, ends, s);
            } else {
                long[] t = d.times();
                double[] v = d.values();
                int n = d.size();
                int lo = 0;
                int hi = 0;
                for (int i = 0; i < steps; i++) {
                    long end = ends[i];
                    long start = end - range;
                    if (i > 0 && end < ends[i - 1]) {
                        lo = 0;
                        hi = 0;
                    }
                    while (hi < n && t[hi] <= end) {
                        hi++;
                    }
                    while (lo < hi && t[lo] <= start) {
                        lo++;
                    }
                    if (hi - lo < minPoints) {
                        continue;
                    }
                    double p = param == null ? 0 : param[i];
                    double value;
                    switch (fn) {
                        case "rate" -> value = Counters.extrapolated(t, v, lo, hi, start, end, true, true);
                        case "increase" -> value = Counters.extrapolated(t, v, lo, hi, start, end, true, false);
                        case "delta" -> value = Counters.extrapolated(t, v, lo, hi, start, end, false, false);
                        case "irate" -> value = Counters.instant(t, v, hi, true);
                        case "idelta" -> value = Counters.instant(t, v, hi, false);
                        case "deriv" -> value = Counters.regression(t, v, lo, hi, t[lo], Double.NaN);
                        case "predict_linear" -> value = Counters.regression(t, v, lo, hi, end + in.offsetMillis(), p);
                        case "resets" -> value = Counters.resets(v, lo, hi);
                        case "changes" -> value = Counters.changes(v, lo, hi);
                        case "double_exponential_smoothing", "holt_winters" ->
                            value = OverTime.smoothed(v, lo, hi, p, param2[i]);
                        case "quantile_over_time", "mad_over_time" -> {
                            if (scratch.length < hi - lo) {
                                scratch = new double[Math.max(hi - lo, scratch.length * 2)];
                            }
                            System.arraycopy(v, lo, scratch, 0, hi - lo);
                            value = fn.equals("mad_over_time") ? OverTime.mad(scratch, hi - lo)
                                    : OverTime.quantile(p, scratch, hi - lo);
                        }
                        default -> value = OverTime.aggregate(fn, v, lo, hi);
                    }
                    s.set(i, value);
                }
            }
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return new Value.Vector(keepName ? out : SeriesMerger.merge(out));
    }
}

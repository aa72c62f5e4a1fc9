package io.vigil.query.promql.engine;

import io.vigil.promql.ast.MatrixSelector;
import io.vigil.promql.ast.VectorSelector;
import io.vigil.query.promql.SeriesData;
import io.vigil.query.promql.Selection;
import java.util.ArrayList;
import java.util.List;

/**
 * Instant and range vector selectors. Each selector is read from storage once, covering every step
 * of the evaluation; the per-step values are then found by sliding over the returned arrays.
 *
 * <p>Windows are left-open as in Prometheus 3: an instant selector at time t takes the latest sample
 * in {@code (t - 5m, t]}, a range selector {@code x[r]} the samples in {@code (t - r, t]}. A staleness
 * marker as the latest sample means "no value"; range selectors drop markers.
 */
final class Selectors {
    private Selectors() {
    }

    static Value.Vector instant(Evaluator ev, VectorSelector vs) {
        return instant(ev, vs, false);
    }

    /**
     * The instant vector of a selector; with {@code timestamps} the value of each point is the time of
     * the sample it came from (what {@code timestamp(x)} returns), in seconds.
     */
    static Value.Vector instant(Evaluator ev, VectorSelector vs, boolean timestamps) {
        List<SeriesData> data = load(ev, vs, Evaluator.LOOKBACK_MILLIS, 0, null);
        int steps = ev.steps();
        List<StepSeries> out = new ArrayList<>(data.size());
        for (SeriesData d : data) {
            StepSeries s = new StepSeries(d.labels(), steps);
            long[] t = d.times();
            double[] v = d.values();
            int n = d.size();
            int upTo = 0;
            for (int i = 0; i < steps; i++) {
                long te = ev.effectiveTime(i, vs.at(), vs.offsetMillis());
                if (upTo > 0 && t[upTo - 1] > te) {
                    upTo = 0; // time went backwards (cannot happen for increasing steps); restart the scan
                }
                while (upTo < n && t[upTo] <= te) {
                    upTo++;
                }
                int last = upTo - 1;
                if (last >= 0 && t[last] > te - Evaluator.LOOKBACK_MILLIS && !SeriesData.isStale(v[last])) {
                    s.set(i, timestamps ? t[last] / 1000.0 : v[last]);
                }
            }
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return new Value.Vector(out);
    }

    static Value.Range range(Evaluator ev, MatrixSelector ms, String function) {
        VectorSelector vs = ms.selector();
        List<SeriesData> data = load(ev, vs, ms.rangeMillis(), ms.rangeMillis(), function);
        List<SeriesData> clean = new ArrayList<>(data.size());
        for (SeriesData d : data) {
            clean.add(withoutStaleMarkers(d));
        }
        long[] ends = new long[ev.steps()];
        for (int i = 0; i < ends.length; i++) {
            ends[i] = ev.effectiveTime(i, vs.at(), vs.offsetMillis());
        }
        return new Value.Range(clean, ms.rangeMillis(), ends, vs.offsetMillis());
    }

    /** One storage read covering every step: from the first window's start to the last step. */
    private static List<SeriesData> load(Evaluator ev, VectorSelector vs, long window, long rangeMillis,
            String function) {
        long first = ev.effectiveTime(0, vs.at(), vs.offsetMillis());
        long last = ev.effectiveTime(ev.steps() - 1, vs.at(), vs.offsetMillis());
        Selection selection = new Selection(vs.matchers(), Math.min(first, last) - window + 1, Math.max(first, last),
                ev.times.step(), rangeMillis, function);
        List<SeriesData> data = ev.source.select(selection, ev.context);
        for (SeriesData d : data) {
            if (d.tier() != null) {
                ev.context.usedTier(d.tier());
            }
        }
        ev.context.checkDeadline();
        return data;
    }

    private static SeriesData withoutStaleMarkers(SeriesData d) {
        double[] v = d.values();
        int stale = 0;
        for (int i = 0; i < d.size(); i++) {
            if (SeriesData.isStale(v[i])) {
                stale++;
            }
        }
        if (stale == 0) {
            return d;
        }
        long[] nt = new long[d.size() - stale];
        double[] nv = new double[nt.length];
        int j = 0;
        for (int i = 0; i < d.size(); i++) {
            if (!SeriesData.isStale(v[i])) {
                nt[j] = d.times()[i];
                nv[j++] = v[i];
            }
        }
        return new SeriesData(d.labels(), nt, nv, j, d.rollup(), d.tier());
    }
}

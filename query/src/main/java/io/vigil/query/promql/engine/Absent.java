package io.vigil.query.promql.engine;

import io.vigil.promql.ast.Expr;
import io.vigil.promql.ast.LabelMatcher;
import io.vigil.promql.ast.MatrixSelector;
import io.vigil.promql.ast.VectorSelector;
import io.vigil.query.promql.LabelSet;
import io.vigil.query.promql.SeriesData;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/**
 * absent() and absent_over_time(): 1 at the steps where the argument has no element. The result's
 * labels come from the equality matchers of a selector argument (other than the metric name); a
 * label matched more than once, or also by a non-equality matcher, is left out, since its value is
 * not known.
 */
final class Absent {
    private Absent() {
    }

    static Value absent(Evaluator ev, Expr arg) {
        Value.Vector v = ev.evalVector(arg);
        boolean[] any = new boolean[ev.steps()];
        for (StepSeries s : v.series()) {
            for (int i = 0; i < any.length; i++) {
                any[i] |= s.present[i];
            }
        }
        return result(ev, any, Evaluator.unwrap(arg) instanceof VectorSelector vs ? vs : null);
    }

    static Value absentOverTime(Evaluator ev, Expr arg) {
        Value.Range r = ev.evalRange(arg, "absent_over_time");
        boolean[] any = new boolean[ev.steps()];
        for (SeriesData d : r.series()) {
            long[] t = d.times();
            int lo = 0;
            int hi = 0;
            for (int i = 0; i < any.length; i++) {
                long end = r.windowEnds()[i];
                if (i > 0 && end < r.windowEnds()[i - 1]) {
                    lo = 0;
                    hi = 0;
                }
                while (hi < d.size() && t[hi] <= end) {
                    hi++;
                }
                while (lo < hi && t[lo] <= end - r.rangeMillis()) {
                    lo++;
                }
                any[i] |= hi > lo;
            }
        }
        Expr inner = Evaluator.unwrap(arg);
        return result(ev, any, inner instanceof MatrixSelector ms ? ms.selector() : null);
    }

    private static Value result(Evaluator ev, boolean[] any, VectorSelector selector) {
        StepSeries out = new StepSeries(selector == null ? LabelSet.EMPTY : labels(selector.matchers()), ev.steps());
        for (int i = 0; i < any.length; i++) {
            if (!any[i]) {
                out.set(i, 1);
            }
        }
        return new Value.Vector(out.isEmpty() ? List.of() : List.of(out));
    }

    static LabelSet labels(List<LabelMatcher> matchers) {
        TreeMap<String, String> labels = new TreeMap<>();
        Set<String> seen = new HashSet<>();
        for (LabelMatcher m : matchers) {
            if (m.name().equals(LabelSet.NAME)) {
                continue;
            }
            if (m.type() == LabelMatcher.MatchType.EQUAL && seen.add(m.name())) {
                labels.put(m.name(), m.value());
            } else {
                seen.add(m.name());
                labels.remove(m.name());
            }
        }
        return LabelSet.of(labels);
    }
}

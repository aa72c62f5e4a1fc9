package io.vigil.query.promql.engine;

import io.vigil.promql.ast.AggregateOp;
import io.vigil.query.promql.LabelSet;
import io.vigil.query.promql.QueryException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Aggregations whose output keeps the input series' labels (topk, bottomk, limitk, limit_ratio) or
 * invents new ones (count_values).
 */
final class SelectingAggregations {
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    private SelectingAggregations() {
    }

    /**
     * At each step and in each group: topk the k largest values, bottomk the k smallest (NaN counts as
     * worse than any number either way), limitk the first k series in label order, limit_ratio the
     * series whose label hash falls in the ratio's share of [0, 1) (from the top for a negative ratio),
     * so a series keeps being chosen at every step. Output series are listed group by group, topk
     * descending and bottomk ascending by value at the first step.
     */
    static Value select(Evaluator ev, AggregateOp op, double[] param, List<StepSeries> series, Grouping groups) {
        int steps = ev.steps();
        Map<LabelSet, StepSeries> out = new LinkedHashMap<>();
        for (int g = 0; g < groups.keys.size(); g++) {
            Integer[] members = Arrays.stream(groups.members.get(g)).boxed().toArray(Integer[]::new);
            if (op == AggregateOp.LIMITK) {
                Arrays.sort(members, (x, y) -> series.get(x).labels.compareTo(series.get(y).labels));
            }
            Integer[] order = members.clone();
            for (int i = 0; i < steps; i++) {
                final int step = i;
                double p = param[i];
                if (op == AggregateOp.LIMIT_RATIO) {
                    if (Double.isNaN(p) || p < -1 || p > 1) {
                        throw new QueryException(QueryException.Kind.BAD_DATA,
                                "ratio value should be between -1 and 1, got " + p);
                    }
                    for (int m : members) {
                        StepSeries s = series.get(m);
                        if (s.present[i] && chosenByRatio(s.labels, p)) {
                            out.computeIfAbsent(s.labels, l -> new StepSeries(l, steps)).set(i, s.values[i]);
                        }
                    }
                    continue;
                }
                long k = Double.isNaN(p) ? 0 : (long) p;
                if (op == AggregateOp.TOPK || op == AggregateOp.BOTTOMK) {
                    boolean top = op == AggregateOp.TOPK;
                    Arrays.sort(order, (x, y) -> compareForSelection(series.get(x), series.get(y), step, top));
                }
                int taken = 0;
                for (int m : order) {
                    StepSeries s = series.get(m);
                    if (taken >= k) {
                        break;
                    }
                    if (s.present[i]) {
                        out.computeIfAbsent(s.labels, l -> new StepSeries(l, steps)).set(i, s.values[i]);
                        taken++;
                    }
                }
            }
        }
        return new Value.Vector(new ArrayList<>(out.values()));
    }

    /** Present before absent; then better values first; NaN after every number. */
    private static int compareForSelection(StepSeries a, StepSeries b, int step, boolean top) {
        if (a.present[step] != b.present[step]) {
            return a.present[step] ? -1 : 1;
        }
        if (!a.present[step]) {
            return 0;
        }
        double x = a.values[step];
        double y = b.values[step];
        if (Double.isNaN(x) || Double.isNaN(y)) {
            return Boolean.compare(Double.isNaN(x), Double.isNaN(y));
        }
        return top ? Double.compare(y, x) : Double.compare(x, y);
    }

    private static boolean chosenByRatio(LabelSet labels, double ratio) {
        double position = (labels.hashCode() & 0x7fffffffL) / (double) (1L << 31);
        return ratio >= 0 ? position < ratio : position >= 1 + ratio;
    }

    /** count_values("label", v): per group and distinct value, how many series have it. */
    static Value countValues(Evaluator ev, String label, List<StepSeries> series, Grouping groups) {
        if (!LABEL_NAME.matcher(label).matches()) {
            throw new QueryException(QueryException.Kind.BAD_DATA, "invalid label name \"" + label + "\"");
        }
        int steps = ev.steps();
        Map<LabelSet, StepSeries> out = new LinkedHashMap<>();
        for (int g = 0; g < groups.keys.size(); g++) {
            LabelSet key = groups.keys.get(g);
            for (int i = 0; i < steps; i++) {
                Map<String, Integer> counts = new TreeMap<>();
                for (int m : groups.members.get(g)) {
                    StepSeries s = series.get(m);
                    if (s.present[i]) {
                        counts.merge(format(s.values[i]), 1, Integer::sum);
                    }
                }
                for (Map.Entry<String, Integer> e : counts.entrySet()) {
                    TreeMap<String, String> labels = key.toMap();
                    labels.put(label, e.getKey());
                    StepSeries r = out.computeIfAbsent(LabelSet.of(labels), l -> new StepSeries(l, steps));
                    r.set(i, e.getValue());
                }
            }
        }
        return new Value.Vector(new ArrayList<>(out.values()));
    }

    /** A value as Go's strconv.FormatFloat(v, 'f', -1, 64) prints it: shortest, never an exponent. */
    static String format(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        if (v == 0) {
            return "0";
        }
        return new BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
    }
}

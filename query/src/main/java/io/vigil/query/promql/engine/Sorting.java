package io.vigil.query.promql.engine;

import io.vigil.promql.ast.Expr;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * sort, sort_desc, sort_by_label, sort_by_label_desc. Order is only visible in instant queries (a
 * range query's matrix is ordered by labels), so series are ordered by their value at the first step.
 * NaN sorts last both ways; label values compare as plain strings, ties broken by the whole label set.
 */
final class Sorting {
    private Sorting() {
    }

    static Value call(Evaluator ev, String fn, List<Expr> args) {
        List<StepSeries> series = new ArrayList<>(ev.evalVector(args.get(0)).series());
        Comparator<StepSeries> order = switch (fn) {
            case "sort" -> byValue(false);
            case "sort_desc" -> byValue(true);
            default -> {
                List<String> labels = new ArrayList<>();
                for (int i = 1; i < args.size(); i++) {
                    labels.add(ev.evalString(args.get(i)));
                }
                Comparator<StepSeries> c = byLabels(labels);
                yield fn.endsWith("_desc") ? c.reversed() : c;
            }
        };
        series.sort(order);
        return new Value.Vector(series);
    }

    private static Comparator<StepSeries> byValue(boolean descending) {
        return (a, b) -> {
            double x = a.present[0] ? a.values[0] : Double.NaN;
            double y = b.present[0] ? b.values[0] : Double.NaN;
            if (Double.isNaN(x) || Double.isNaN(y)) {
                return Boolean.compare(Double.isNaN(x), Double.isNaN(y));
            }
            return descending ? Double.compare(y, x) : Double.compare(x, y);
        };
    }

    private static Comparator<StepSeries> byLabels(List<String> names) {
        return (a, b) -> {
            for (String name : names) {
                String x = a.labels.get(name);
                String y = b.labels.get(name);
                int c = (x == null ? "" : x).compareTo(y == null ? "" : y);
                if (c != 0) {
                    return c;
                }
            }
            return a.labels.compareTo(b.labels);
        };
    }
}

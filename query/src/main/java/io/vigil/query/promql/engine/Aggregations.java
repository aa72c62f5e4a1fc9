package io.vigil.query.promql.engine;

import io.vigil.promql.ast.Aggregate;
import io.vigil.promql.ast.AggregateOp;
import io.vigil.query.promql.QueryException;
import java.util.ArrayList;
import java.util.List;

/**
 * sum, avg, min, max, count, group, stddev, stdvar and quantile: one output series per group, each
 * step folding the group's members that have a value there. topk, bottomk, limitk, limit_ratio and
 * count_values live in {@link SelectingAggregations}.
 */
final class Aggregations {
    private Aggregations() {
    }

    static Value eval(Evaluator ev, Aggregate a) {
        double[] param = null;
        String label = null;
        if (a.op() == AggregateOp.COUNT_VALUES) {
            label = ev.evalString(a.param());
        } else if (a.op().hasParam()) {
            param = ev.evalScalar(a.param());
        }
        List<StepSeries> series = ev.evalVector(a.expr()).series();
        Grouping groups = new Grouping(series, a.grouping(), a.without());
        return switch (a.op()) {
            case TOPK, BOTTOMK, LIMITK, LIMIT_RATIO -> SelectingAggregations.select(ev, a.op(), param, series, groups);
            case COUNT_VALUES -> SelectingAggregations.countValues(ev, label, series, groups);
            default -> new Value.Vector(fold(ev, a.op(), param, series, groups));
        };
    }

    private static List<StepSeries> fold(Evaluator ev, AggregateOp op, double[] param, List<StepSeries> series,
            Grouping groups) {
        int steps = ev.steps();
        List<StepSeries> out = new ArrayList<>(groups.keys.size());
        double[] scratch = new double[0];
        for (int g = 0; g < groups.keys.size(); g++) {
            int[] members = groups.members.get(g);
            if (op == AggregateOp.QUANTILE && scratch.length < members.length) {
                scratch = new double[members.length];
            }
            StepSeries r = new StepSeries(groups.keys.get(g), steps);
            for (int i = 0; i < steps; i++) {
                int n = 0;
                double acc = 0;
                double comp = 0;
                double mean = 0;
                double m2 = 0;
                boolean plusInf = false;
                boolean minusInf = false;
                for (int m : members) {
                    StepSeries s = series.get(m);
                    if (!s.present[i]) {
                        continue;
                    }
                    double x = s.values[i];
                    n++;
                    plusInf |= x == Double.POSITIVE_INFINITY;
                    minusInf |= x == Double.NEGATIVE_INFINITY;
                    switch (op) {
                        case SUM, AVG -> {
                            double t = acc + x;
                            comp += Math.abs(acc) >= Math.abs(x) ? (acc - t) + x : (x - t) + acc;
                            acc = t;
                            mean += (x - mean) / n;
                        }
                        case MIN -> acc = n == 1 || x < acc || Double.isNaN(acc) ? x : acc;
                        case MAX -> acc = n == 1 || x > acc || Double.isNaN(acc) ? x : acc;
                        case STDDEV, STDVAR -> {
                            double delta = x - mean;
                            mean += delta / n;
                            m2 += delta * (x - mean);
                        }
                        case QUANTILE -> scratch[n - 1] = x;
                        default -> {
                        }
                    }
                }
                if (n == 0) {
                    continue;
                }
                r.set(i, switch (op) {
                    case SUM -> Double.isInfinite(acc) ? acc : acc + comp;
                    // An infinite input decides the average whatever the order of the series; a sum that
                    // overflowed from finite inputs falls back to the running mean.
                    case AVG -> plusInf && minusInf ? Double.NaN : plusInf ? Double.POSITIVE_INFINITY
                            : minusInf ? Double.NEGATIVE_INFINITY : Double.isInfinite(acc) ? mean : (acc + comp) / n;
                    case MIN, MAX -> acc;
                    case COUNT -> n;
                    case GROUP -> 1;
                    case STDVAR -> m2 / n;
                    case STDDEV -> Math.sqrt(m2 / n);
                    case QUANTILE -> OverTime.quantile(param[i], scratch, n);
                    default -> throw new QueryException(QueryException.Kind.INTERNAL, "unexpected aggregation " + op);
                });
            }
            if (!r.isEmpty()) {
                out.add(r);
            }
        }
        return out;
    }
}

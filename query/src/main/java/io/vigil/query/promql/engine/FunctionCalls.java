package io.vigil.query.promql.engine;

import io.vigil.promql.ast.Call;
import io.vigil.promql.ast.Expr;
import io.vigil.promql.ast.VectorSelector;
import io.vigil.query.promql.LabelSet;
import io.vigil.query.promql.QueryException;
import java.util.List;

/** Dispatches a function call to the family that implements it. */
final class FunctionCalls {
    private FunctionCalls() {
    }

    static Value call(Evaluator ev, Call call) {
        String fn = call.function();
        List<Expr> args = call.args();
        if (RangeFunctions.NAMES.contains(fn)) {
            return rangeFunction(ev, fn, args);
        }
        if (MathFunctions.handles(fn)) {
            return MathFunctions.call(ev, fn, args);
        }
        if (DateFunctions.handles(fn)) {
            return DateFunctions.call(ev, fn, args);
        }
        return switch (fn) {
            case "absent" -> Absent.absent(ev, args.get(0));
            case "absent_over_time" -> Absent.absentOverTime(ev, args.get(0));
            case "time" -> {
                double[] out = new double[ev.steps()];
                for (int i = 0; i < out.length; i++) {
                    out[i] = ev.seconds(i);
                }
                yield new Value.Scalar(out);
            }
            case "pi" -> ev.constant(Math.PI);
            case "timestamp" -> timestamp(ev, args.get(0));
            case "vector" -> vector(ev, ev.evalScalar(args.get(0)));
            case "scalar" -> scalar(ev, ev.evalVector(args.get(0)));
            case "sort", "sort_desc", "sort_by_label", "sort_by_label_desc" -> Sorting.call(ev, fn, args);
            case "label_replace" -> LabelFunctions.replace(ev, args);
            case "label_join" -> LabelFunctions.join(ev, args);
            case "histogram_quantile" -> HistogramQuantile.eval(ev, ev.evalScalar(args.get(0)),
                    ev.evalVector(args.get(1)));
            default -> throw new QueryException(QueryException.Kind.BAD_DATA,
                    "unknown function with name \"" + fn + "\"");
        };
    }

    private static Value rangeFunction(Evaluator ev, String fn, List<Expr> args) {
        return switch (fn) {
            case "quantile_over_time" -> {
                double[] q = ev.evalScalar(args.get(0));
                yield RangeFunctions.apply(ev, fn, ev.evalRange(args.get(1), fn), q);
            }
            case "predict_linear" -> {
                Value.Range range = ev.evalRange(args.get(0), fn);
                yield RangeFunctions.apply(ev, fn, range, ev.evalScalar(args.get(1)));
            }
            case "double_exponential_smoothing", "holt_winters" -> {
                double[] sf = smoothingFactor(ev.evalScalar(args.get(1)), "smoothing");
                double[] tf = smoothingFactor(ev.evalScalar(args.get(2)), "trend");
                yield RangeFunctions.apply(ev, fn, ev.evalRange(args.get(0), fn), sf, tf);
            }
            default -> RangeFunctions.apply(ev, fn, ev.evalRange(args.get(0), fn), null);
        };
    }

    /** Both factors of double_exponential_smoothing must lie strictly between 0 and 1, at every step. */
    private static double[] smoothingFactor(double[] factor, String what) {
        for (double f : factor) {
            if (!(f > 0 && f < 1)) {
                throw new QueryException(QueryException.Kind.BAD_DATA,
                        "invalid " + what + " factor. Expected: 0 < " + what.charAt(0) + "f < 1, got: " + f);
            }
        }
        return factor;
    }

    /** timestamp(x): of a plain selector, the time of each sample found; otherwise the evaluation time. */
    private static Value timestamp(Evaluator ev, Expr arg) {
        List<StepSeries> in = Evaluator.unwrap(arg) instanceof VectorSelector vs
                ? Selectors.instant(ev, vs, true).series()
                : ev.evalVector(arg).series();
        boolean fromSelector = Evaluator.unwrap(arg) instanceof VectorSelector;
        List<StepSeries> out = new java.util.ArrayList<>(in.size());
        for (StepSeries s : in) {
            StepSeries n = new StepSeries(s.labels.withoutName(), ev.steps());
            for (int i = 0; i < ev.steps(); i++) {
                if (s.present[i]) {
                    n.set(i, fromSelector ? s.values[i] : ev.seconds(i));
                }
            }
            out.add(n);
        }
        return new Value.Vector(SeriesMerger.merge(out));
    }

    private static Value vector(Evaluator ev, double[] scalar) {
        return new Value.Vector(List.of(new StepSeries(LabelSet.EMPTY, scalar.clone(), filled(ev.steps()))));
    }

    /** scalar(v): the value of a single-element vector, NaN when the vector has 0 or several elements. */
    private static Value scalar(Evaluator ev, Value.Vector v) {
        double[] out = new double[ev.steps()];
        for (int i = 0; i < out.length; i++) {
            int found = 0;
            double value = Double.NaN;
            for (StepSeries s : v.series()) {
                if (s.present[i]) {
                    found++;
                    value = s.values[i];
                }
            }
            out[i] = found == 1 ? value : Double.NaN;
        }
        return new Value.Scalar(out);
    }

    static boolean[] filled(int steps) {
        boolean[] p = new boolean[steps];
        java.util.Arrays.fill(p, true);
        return p;
    }
}

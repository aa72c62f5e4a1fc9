package io.vigil.query.promql.engine;

import io.vigil.promql.ast.Expr;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;

/**
 * Functions applied to every sample of an instant vector on its own: abs, ceil, exp, ln, trig…,
 * plus round and clamp with their scalar arguments. All drop the metric name.
 */
final class MathFunctions {
    private static final Map<String, DoubleUnaryOperator> SIMPLE = Map.ofEntries(
            Map.entry("abs", Math::abs), Map.entry("ceil", Math::ceil), Map.entry("floor", Math::floor),
            Map.entry("exp", Math::exp), Map.entry("sqrt", Math::sqrt), Map.entry("ln", Math::log),
            Map.entry("log2", x -> Math.log(x) / Math.log(2)), Map.entry("log10", Math::log10),
            Map.entry("sgn", Math::signum), Map.entry("acos", Math::acos), Map.entry("asin", Math::asin),
            Map.entry("atan", Math::atan), Map.entry("cos", Math::cos), Map.entry("sin", Math::sin),
            Map.entry("tan", Math::tan), Map.entry("cosh", Math::cosh), Map.entry("sinh", Math::sinh),
            Map.entry("tanh", Math::tanh), Map.entry("acosh", x -> Math.log(x + Math.sqrt(x * x - 1))),
            Map.entry("asinh", MathFunctions::asinh),
            Map.entry("atanh", x -> 0.5 * Math.log((1 + x) / (1 - x))), Map.entry("deg", Math::toDegrees),
            Map.entry("rad", Math::toRadians));

    private MathFunctions() {
    }

    static boolean handles(String fn) {
        return SIMPLE.containsKey(fn) || fn.equals("round") || fn.startsWith("clamp");
    }

    static Value call(Evaluator ev, String fn, List<Expr> args) {
        Value.Vector in = ev.evalVector(args.get(0));
        int steps = ev.steps();
        DoubleUnaryOperator op = SIMPLE.get(fn);
        double[] a = args.size() > 1 ? ev.evalScalar(args.get(1)) : null;
        double[] b = args.size() > 2 ? ev.evalScalar(args.get(2)) : null;
        List<StepSeries> out = new ArrayList<>(in.series().size());
        for (StepSeries s : in.series()) {
            StepSeries r = new StepSeries(s.labels.withoutName(), steps);
            for (int i = 0; i < steps; i++) {
                if (!s.present[i]) {
                    continue;
                }
                double x = s.values[i];
                if (op != null) {
                    r.set(i, op.applyAsDouble(x));
                    continue;
                }
                switch (fn) {
                    case "round" -> r.set(i, round(x, a == null ? 1 : a[i]));
                    case "clamp_min" -> r.set(i, Math.max(x, a[i]));
                    case "clamp_max" -> r.set(i, Math.min(x, a[i]));
                    case "clamp" -> {
                        // clamp with min > max yields nothing, as in Prometheus.
                        if (!(b[i] < a[i])) {
                            r.set(i, Math.max(a[i], Math.min(b[i], x)));
                        }
                    }
                    default -> throw new IllegalArgumentException(fn);
                }
            }
            if (!r.isEmpty()) {
                out.add(r);
            }
        }
        return new Value.Vector(SeriesMerger.merge(out));
    }

    /** Rounds to the nearest multiple of {@code toNearest}; ties round up, as Prometheus does. */
    static double round(double x, double toNearest) {
        double inverse = 1.0 / toNearest;
        return Math.floor(x * inverse + 0.5) / inverse;
    }

    private static double asinh(double x) {
        if (Double.isInfinite(x)) {
            return x;
        }
        double ax = Math.abs(x);
        double r = Math.log(ax + Math.sqrt(ax * ax + 1));
        return x < 0 ? -r : r;
    }
}

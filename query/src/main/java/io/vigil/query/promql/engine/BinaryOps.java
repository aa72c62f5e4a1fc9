package io.vigil.query.promql.engine;

import io.vigil.promql.ast.Binary;
import io.vigil.promql.ast.BinaryOp;
import io.vigil.query.promql.QueryException;
import java.util.ArrayList;
import java.util.List;

/**
 * Binary operators between scalars and vectors. Arithmetic drops the metric name; a comparison
 * without {@code bool} filters, keeping the vector element's value and labels; with {@code bool} it
 * yields 0 or 1 and drops the name. Vector/vector operations are in {@link VectorMatcher}.
 */
final class BinaryOps {
    private BinaryOps() {
    }

    static Value eval(Evaluator ev, Binary b) {
        Value lhs = ev.eval(b.lhs());
        Value rhs = ev.eval(b.rhs());
        BinaryOp op = b.op();
        if (lhs instanceof Value.Scalar l && rhs instanceof Value.Scalar r) {
            return scalars(ev, b, l.values(), r.values());
        }
        if (op.isSetOperator()) {
            if (lhs instanceof Value.Vector l && rhs instanceof Value.Vector r) {
                return VectorMatcher.setOperation(ev, b, l.series(), r.series());
            }
            throw bad("set operator \"" + op.symbol() + "\" not allowed in binary scalar expression");
        }
        if (lhs instanceof Value.Vector l && rhs instanceof Value.Scalar r) {
            return vectorScalar(ev, b, l.series(), r.values(), false);
        }
        if (lhs instanceof Value.Scalar l && rhs instanceof Value.Vector r) {
            return vectorScalar(ev, b, r.series(), l.values(), true);
        }
        if (lhs instanceof Value.Vector l && rhs instanceof Value.Vector r) {
            return VectorMatcher.binary(ev, b, l.series(), r.series());
        }
        throw bad("binary expression must contain only scalar and instant vector types, got "
                + Evaluator.describe(lhs) + " " + op.symbol() + " " + Evaluator.describe(rhs));
    }

    private static Value scalars(Evaluator ev, Binary b, double[] l, double[] r) {
        if (b.op().isComparison() && !b.returnBool()) {
            throw bad("comparisons between scalars must use BOOL modifier");
        }
        double[] out = new double[ev.steps()];
        for (int i = 0; i < out.length; i++) {
            out[i] = b.op().isComparison() ? (Arithmetic.compare(b.op(), l[i], r[i]) ? 1 : 0)
                    : Arithmetic.apply(b.op(), l[i], r[i]);
        }
        return new Value.Scalar(out);
    }

    /** {@code scalarOnLeft} for {@code 2 * x} and {@code 1 < x}: the scalar is the left operand. */
    private static Value vectorScalar(Evaluator ev, Binary b, List<StepSeries> vector, double[] scalar,
            boolean scalarOnLeft) {
        BinaryOp op = b.op();
        boolean comparison = op.isComparison();
        boolean dropName = !comparison || b.returnBool();
        int steps = ev.steps();
        List<StepSeries> out = new ArrayList<>(vector.size());
        for (StepSeries s : vector) {
            StepSeries r = new StepSeries(dropName ? s.labels.withoutName() : s.labels, steps);
            for (int i = 0; i < steps; i++) {
                if (!s.present[i]) {
                    continue;
                }
                double x = s.values[i];
                double left = scalarOnLeft ? scalar[i] : x;
                double right = scalarOnLeft ? x : scalar[i];
                if (!comparison) {
                    r.set(i, Arithmetic.apply(op, left, right));
                } else if (b.returnBool()) {
                    r.set(i, Arithmetic.compare(op, left, right) ? 1 : 0);
                } else if (Arithmetic.compare(op, left, right)) {
                    r.set(i, x);
                }
            }
            if (!r.isEmpty()) {
                out.add(r);
            }
        }
        return new Value.Vector(dropName ? SeriesMerger.merge(out) : out);
    }

    static QueryException bad(String message) {
        return new QueryException(QueryException.Kind.BAD_DATA, message);
    }
}

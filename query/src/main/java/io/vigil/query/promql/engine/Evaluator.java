package io.vigil.query.promql.engine;

import io.vigil.promql.ast.Aggregate;
import io.vigil.promql.ast.AtModifier;
import io.vigil.promql.ast.Binary;
import io.vigil.promql.ast.Call;
import io.vigil.promql.ast.Expr;
import io.vigil.promql.ast.MatrixSelector;
import io.vigil.promql.ast.NumberLiteral;
import io.vigil.promql.ast.Paren;
import io.vigil.promql.ast.StringLiteral;
import io.vigil.promql.ast.Subquery;
import io.vigil.promql.ast.Unary;
import io.vigil.promql.ast.VectorSelector;
import io.vigil.query.promql.QueryContext;
import io.vigil.query.promql.QueryException;
import io.vigil.query.promql.SeriesSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Evaluates an expression at all steps of its {@link EvalTimes} at once, as Prometheus' range
 * evaluation does: every selector is read from storage once for the whole time range, and each node
 * works on per-step arrays. Subqueries get a child evaluator with their own steps.
 */
public final class Evaluator {
    /** How far back an instant selector looks for the latest sample. */
    public static final long LOOKBACK_MILLIS = 5 * 60_000;

    final SeriesSource source;
    final QueryContext context;
    final EvalTimes times;
    /** Start and end of the outermost query, which {@code @ start()} and {@code @ end()} refer to. */
    final long queryStart;
    final long queryEnd;
    /** The step of subqueries written without one ({@code [1h:]}). */
    final long defaultSubqueryStep;
    private final int steps;

    public Evaluator(SeriesSource source, QueryContext context, EvalTimes times, long queryStart, long queryEnd,
            long defaultSubqueryStep) {
        this.source = source;
        this.context = context;
        this.times = times;
        this.queryStart = queryStart;
        this.queryEnd = queryEnd;
        this.defaultSubqueryStep = defaultSubqueryStep;
        this.steps = times.count();
    }

    int steps() {
        return steps;
    }

    public Value eval(Expr expr) {
        context.checkDeadline();
        return switch (expr) {
            case NumberLiteral n -> constant(n.value());
            case StringLiteral s -> new Value.Text(s.value());
            case Paren p -> eval(p.expr());
            case Unary u -> unary(u);
            case VectorSelector vs -> Selectors.instant(this, vs);
            case MatrixSelector ms -> Selectors.range(this, ms, null);
            case Subquery sq -> Subqueries.eval(this, sq);
            case Call c -> FunctionCalls.call(this, c);
            case Aggregate a -> Aggregations.eval(this, a);
            case Binary b -> BinaryOps.eval(this, b);
        };
    }

    /** Evaluates an argument that must be a range vector, telling storage which function consumes it. */
    Value.Range evalRange(Expr expr, String function) {
        Expr e = unwrap(expr);
        return switch (e) {
            case MatrixSelector ms -> Selectors.range(this, ms, function);
            case Subquery sq -> Subqueries.eval(this, sq);
            default -> throw new QueryException(QueryException.Kind.BAD_DATA,
                    "expected type range vector in call to function \"" + function + "\", got " + e.type().apiName());
        };
    }

    Value.Vector evalVector(Expr expr) {
        Value v = eval(expr);
        if (v instanceof Value.Vector vec) {
            return vec;
        }
        throw new QueryException(QueryException.Kind.BAD_DATA, "expected instant vector, got " + describe(v));
    }

    double[] evalScalar(Expr expr) {
        Value v = eval(expr);
        if (v instanceof Value.Scalar s) {
            return s.values();
        }
        throw new QueryException(QueryException.Kind.BAD_DATA, "expected scalar, got " + describe(v));
    }

    String evalString(Expr expr) {
        Value v = eval(expr);
        if (v instanceof Value.Text t) {
            return t.value();
        }
        throw new QueryException(QueryException.Kind.BAD_DATA, "expected string, got " + describe(v));
    }

    static String describe(Value v) {
        return switch (v) {
            case Value.Scalar s -> "scalar";
            case Value.Text t -> "string";
            case Value.Vector vec -> "instant vector";
            case Value.Range r -> "range vector";
        };
    }

    static Expr unwrap(Expr e) {
        while (e instanceof Paren p) {
            e = p.expr();
        }
        return e;
    }

    Value.Scalar constant(double value) {
        double[] values = new double[steps];
        Arrays.fill(values, value);
        return new Value.Scalar(values);
    }

    /** The time a step looks at, after {@code @} and offset. */
    long effectiveTime(int step, AtModifier at, long offsetMillis) {
        return atTime(at, times.time(step)) - offsetMillis;
    }

    long atTime(AtModifier at, long stepTime) {
        return switch (at.kind()) {
            case NONE -> stepTime;
            case TIMESTAMP -> at.timestampMillis();
            case START -> queryStart;
            case END -> queryEnd;
        };
    }

    /** Evaluation time of step i in seconds, as time() returns it. */
    double seconds(int step) {
        return times.time(step) / 1000.0;
    }

    private Value unary(Unary u) {
        Value v = eval(u.expr());
        if (!u.negate()) {
            return v;
        }
        return switch (v) {
            case Value.Scalar s -> {
                double[] out = new double[steps];
                for (int i = 0; i < steps; i++) {
                    out[i] = -s.values()[i];
                }
                yield new Value.Scalar(out);
            }
            case Value.Vector vec -> {
                List<StepSeries> out = new ArrayList<>(vec.series().size());
                for (StepSeries s : vec.series()) {
                    StepSeries n = new StepSeries(s.labels.withoutName(), steps);
                    for (int i = 0; i < steps; i++) {
                        if (s.present[i]) {
                            n.set(i, -s.values[i]);
                        }
                    }
                    out.add(n);
                }
                yield new Value.Vector(SeriesMerger.merge(out));
            }
            default -> throw new QueryException(QueryException.Kind.BAD_DATA,
                    "unary expression only allowed on expressions of type scalar or instant vector, got " + describe(v));
        };
    }
}

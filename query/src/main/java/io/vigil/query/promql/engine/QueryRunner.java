package io.vigil.query.promql.engine;

import io.vigil.promql.ast.Aggregate;
import io.vigil.promql.ast.AggregateOp;
import io.vigil.promql.ast.Call;
import io.vigil.promql.ast.Expr;
import io.vigil.promql.ast.ValueType;
import io.vigil.query.promql.QueryContext;
import io.vigil.query.promql.QueryException;
import io.vigil.query.promql.QueryLimits;
import io.vigil.query.promql.QueryResult;
import io.vigil.query.promql.QueryValue;
import io.vigil.query.promql.SeriesData;
import io.vigil.query.promql.SeriesSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/** Runs a parsed query as an instant or a range query and shapes the result as the HTTP API returns it. */
public final class QueryRunner {
    /** Subquery step when none is written, in an instant query (a range query uses its own step). */
    public static final long DEFAULT_SUBQUERY_STEP_MILLIS = 60_000;

    private static final Set<String> ORDERING_FUNCTIONS = Set.of("sort", "sort_desc", "sort_by_label",
            "sort_by_label_desc");

    private QueryRunner() {
    }

    public static QueryResult instant(SeriesSource source, Expr expr, long time, QueryLimits limits) {
        QueryContext context = new QueryContext(limits);
        Evaluator ev = new Evaluator(source, context, EvalTimes.instant(time), time, time, DEFAULT_SUBQUERY_STEP_MILLIS);
        QueryValue value = switch (ev.eval(expr)) {
            case Value.Scalar s -> new QueryValue.Scalar(time, s.values()[0]);
            case Value.Text t -> new QueryValue.Text(time, t.value());
            case Value.Vector v -> vector(v, time, keepsOrder(expr));
            case Value.Range r -> rangeAt(r);
        };
        return new QueryResult(value, context.finestTier(), false, List.of());
    }

    public static QueryResult range(SeriesSource source, Expr expr, long start, long end, long step,
            QueryLimits limits) {
        if (step <= 0) {
            throw new QueryException(QueryException.Kind.BAD_DATA,
                    "zero or negative query resolution step widths are not accepted. Try a positive integer");
        }
        if (end < start) {
            throw new QueryException(QueryException.Kind.BAD_DATA, "end timestamp must not be before start time");
        }
        if (expr.type() == ValueType.MATRIX || expr.type() == ValueType.STRING) {
            throw new QueryException(QueryException.Kind.BAD_DATA, "invalid expression type \""
                    + (expr.type() == ValueType.MATRIX ? "range vector" : "string")
                    + "\" for range query, must be Scalar or instant Vector");
        }
        EvalTimes times = new EvalTimes(start, end, step);
        if (times.count() > limits.maxResultPoints() || (end - start) / step >= Integer.MAX_VALUE) {
            throw new QueryException(QueryException.Kind.EXECUTION, "query would return too many points ("
                    + ((end - start) / step + 1) + " per series, limit " + limits.maxResultPoints() + ")");
        }
        QueryContext context = new QueryContext(limits);
        Evaluator ev = new Evaluator(source, context, times, start, end, step);
        List<QueryValue.Series> series = new ArrayList<>();
        switch (ev.eval(expr)) {
            case Value.Scalar s -> series.add(toSeries(new StepSeries(io.vigil.query.promql.LabelSet.EMPTY, s.values(),
                    FunctionCalls.filled(times.count())), times));
            case Value.Vector v -> {
                for (StepSeries s : v.series()) {
                    series.add(toSeries(s, times));
                }
            }
            default -> throw new QueryException(QueryException.Kind.BAD_DATA,
                    "range queries need a scalar or instant vector expression");
        }
        series.sort(Comparator.comparing(QueryValue.Series::labels));
        return new QueryResult(new QueryValue.Matrix(series), context.finestTier(), false, List.of());
    }

    /** Whether the query's outermost operation defines the order of an instant vector. */
    private static boolean keepsOrder(Expr expr) {
        Expr e = Evaluator.unwrap(expr);
        return e instanceof Call c && ORDERING_FUNCTIONS.contains(c.function())
                || e instanceof Aggregate a && (a.op() == AggregateOp.TOPK || a.op() == AggregateOp.BOTTOMK);
    }

    private static QueryValue.Vector vector(Value.Vector v, long time, boolean keepOrder) {
        List<QueryValue.Sample> samples = new ArrayList<>(v.series().size());
        for (StepSeries s : v.series()) {
            if (s.present[0]) {
                samples.add(new QueryValue.Sample(s.labels, time, s.values[0]));
            }
        }
        if (!keepOrder) {
            samples.sort(Comparator.comparing(QueryValue.Sample::labels));
        }
        return new QueryValue.Vector(samples);
    }

    private static QueryValue.Series toSeries(StepSeries s, EvalTimes times) {
        StepSeries.Points p = s.points(times::time);
        return new QueryValue.Series(s.labels, p.times(), p.values(), p.size());
    }

    /** A range vector as an instant query returns it: the points of each series inside the window. */
    private static QueryValue.Matrix rangeAt(Value.Range r) {
        long end = r.windowEnds()[0];
        long start = end - r.rangeMillis();
        List<QueryValue.Series> out = new ArrayList<>();
        for (SeriesData d : r.series()) {
            int lo = 0;
            while (lo < d.size() && d.times()[lo] <= start) {
                lo++;
            }
            int hi = lo;
            while (hi < d.size() && d.times()[hi] <= end) {
                hi++;
            }
            if (hi > lo) {
                long[] t = java.util.Arrays.copyOfRange(d.times(), lo, hi);
                double[] v = java.util.Arrays.copyOfRange(d.values(), lo, hi);
                out.add(new QueryValue.Series(d.labels(), t, v, hi - lo));
            }
        }
        out.sort(Comparator.comparing(QueryValue.Series::labels));
        return new QueryValue.Matrix(out);
    }
}

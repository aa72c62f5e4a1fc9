package io.vigil.query.promql.engine;

import io.vigil.promql.ast.Subquery;
import io.vigil.query.promql.QueryException;
import io.vigil.query.promql.SeriesData;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code expr[range:step]}: the inner expression is evaluated once, by a child evaluator, at every
 * absolute multiple of the step (since the epoch) that any outer step's window can see; each outer
 * step then looks at the points in its window {@code (t - offset - range, t - offset]}. Aligning to
 * absolute multiples keeps the points of a subquery identical whatever the outer query's start.
 */
final class Subqueries {
    private Subqueries() {
    }

    static Value.Range eval(Evaluator ev, Subquery sq) {
        long step = sq.stepMillis() > 0 ? sq.stepMillis() : ev.defaultSubqueryStep;
        int outer = ev.steps();
        long[] ends = new long[outer];
        long lo = Long.MAX_VALUE;
        long hi = Long.MIN_VALUE;
        for (int i = 0; i < outer; i++) {
            ends[i] = ev.effectiveTime(i, sq.at(), sq.offsetMillis());
            lo = Math.min(lo, ends[i]);
            hi = Math.max(hi, ends[i]);
        }
        long from = lo - sq.rangeMillis();
        long innerStart = Math.floorDiv(from, step) * step;
        if (innerStart <= from) {
            innerStart += step; // the window is left-open: a point exactly at its start is not seen
        }
        long innerEnd = Math.floorDiv(hi, step) * step;
        if (innerStart > innerEnd) {
            return new Value.Range(List.of(), sq.rangeMillis(), ends, sq.offsetMillis());
        }
        long innerSteps = (innerEnd - innerStart) / step + 1;
        if (innerSteps > ev.context.limits().maxSamples()) {
            throw new QueryException(QueryException.Kind.EXECUTION,
                    "query processing would load too many samples into memory (subquery of " + innerSteps + " steps)");
        }
        Evaluator child = new Evaluator(ev.source, ev.context, new EvalTimes(innerStart, innerEnd, step),
                ev.queryStart, ev.queryEnd, ev.defaultSubqueryStep);
        Value inner = child.eval(sq.expr());
        if (!(inner instanceof Value.Vector vec)) {
            throw new QueryException(QueryException.Kind.BAD_DATA,
                    "subquery is only allowed on instant vector, got " + Evaluator.describe(inner));
        }
        List<SeriesData> series = new ArrayList<>(vec.series().size());
        long points = 0;
        long firstPoint = innerStart;
        for (StepSeries s : vec.series()) {
            StepSeries.Points p = s.points(i -> firstPoint + i * step);
            points += p.size();
            series.add(new SeriesData(s.labels, p.times(), p.values(), p.size(), null, null));
        }
        ev.context.addSamples(points);
        return new Value.Range(series, sq.rangeMillis(), ends, sq.offsetMillis());
    }
}

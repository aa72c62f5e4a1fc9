package io.vigil.query.range;

import io.vigil.query.cache.CachedRangeQueries;
import io.vigil.query.promql.PromqlEngine;
import io.vigil.query.promql.QueryException;
import io.vigil.query.promql.QueryLimitsConfig;
import io.vigil.query.promql.QueryResult;
import io.vigil.query.promql.QueryValue;
import io.vigil.query.storage.TierSelector;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Answers a range query on the PromQL engine: choose the step (a rollup tier may round it up),
 * translate to PromQL ({@link RangePromql}) evaluated at bucketStart + step - 1 ms so each evaluation
 * window is exactly one bucket, through the block cache, and shape the answer.
 */
@ApplicationScoped
public class RangeEngine {
    private static final Logger LOG = Logger.getLogger(RangeEngine.class);

    private final PromqlEngine engine;
    private final CachedRangeQueries cache;
    private final QueryLimitsConfig limits;

    RangeEngine(PromqlEngine engine, CachedRangeQueries cache, QueryLimitsConfig limits) {
        this.engine = engine;
        this.cache = cache;
        this.limits = limits;
    }

    public RangeResult run(RangeRequest r) {
        long now = System.currentTimeMillis();
        TierSelector.Choice choice = TierSelector.select(r.startMillis(), r.stepMillis(), now);
        long step = choice.stepMillis();
        long from = Math.floorDiv(r.startMillis(), step) * step;
        long to = Math.floorDiv(r.endMillis(), step) * step + step;
        QueryResult answer = evaluateRetryingLostConnection(RangePromql.of(r, step), from + step - 1, to - 1, step);
        List<RangeResult.Series> out = new ArrayList<>();
        if (answer.value() instanceof QueryValue.Matrix matrix) {
            for (QueryValue.Series s : matrix.series()) {
                List<List<Number>> points = new ArrayList<>(s.size());
                for (int i = 0; i < s.size(); i++) {
                    points.add(List.of(seconds(s.times()[i] - step + 1), s.values()[i]));
                }
                if (!points.isEmpty()) {
                    out.add(new RangeResult.Series(s.labels().withoutName().toMap(), points));
                }
            }
        }
        out.sort(Comparator.comparing(s -> s.labels().toString()));
        String tier = answer.tier() != null ? answer.tier() : choice.tier().label();
        RangeResult result = new RangeResult(r.metric(), r.matchers(), r.aggregation().label(), r.by(), tier,
                answer.cached(), seconds(from), seconds(to - step), seconds(step), out);
        return result;
    }

    /** A connection broken by a database restart fails once; the pool then hands out a fresh one. */
    private QueryResult evaluateRetryingLostConnection(String promql, long start, long end, long step) {
        try {
            return cache.range(engine, promql, start, end, step, limits.forTimeout(null), false);
        } catch (QueryException e) {
            if (e.kind() != QueryException.Kind.UNAVAILABLE) {
                throw e;
            }
            LOG.infof("storage unavailable (%s); retrying once", e.getMessage());
            return cache.range(engine, promql, start, end, step, limits.forTimeout(null), false);
        }
    }

    /** Whole seconds as a long (so JSON shows 1613707260, not 1.61370726E9), fractions as a double. */
    static Number seconds(long millis) {
        return millis % 1000 == 0 ? (Number) (millis / 1000) : (Number) (millis / 1000.0);
    }
}

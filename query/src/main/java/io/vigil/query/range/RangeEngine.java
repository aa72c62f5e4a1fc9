package io.vigil.query.range;

import io.vigil.query.cache.ResultCache;
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
 * Answers a range query on the PromQL engine: choose the step (a rollup tier may round it up), look in
 * the cache (closed ranges only), translate to PromQL ({@link RangePromql}) evaluated at bucketStart +
 * step - 1 ms so each evaluation window is exactly one bucket, shape the answer and cache it.
 */
@ApplicationScoped
public class RangeEngine {
    private static final Logger LOG = Logger.getLogger(RangeEngine.class);

    private final PromqlEngine engine;
    private final ResultCache cache;
    private final QueryLimitsConfig limits;

    RangeEngine(PromqlEngine engine, ResultCache cache, QueryLimitsConfig limits) {
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
        boolean cacheable = cache.enabled() && to <= now - cache.settle().toMillis();
        String key = null;
        if (cacheable) {
            key = ResultCache.key(normalized(r, choice.tier().label(), step, from, to));
            RangeResult hit = cache.get(key);
            if (hit != null) {
                return hit.withCached(true);
            }
        }
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
        if (cacheable) {
            cache.put(key, choice.tier(), result);
        }
        return result;
    }

    /** A connection broken by a database restart fails once; the pool then hands out a fresh one. */
    private QueryResult evaluateRetryingLostConnection(String promql, long start, long end, long step) {
        try {
            return engine.range(promql, start, end, step, limits.forTimeout(null));
        } catch (QueryException e) {
            if (e.kind() != QueryException.Kind.UNAVAILABLE) {
                throw e;
            }
            LOG.infof("storage unavailable (%s); retrying once", e.getMessage());
            return engine.range(promql, start, end, step, limits.forTimeout(null));
        }
    }

    /**
     * The cache identity of a query. Every free-form part is length-prefixed, so that no choice of
     * label values can make two different queries share a key.
     */
    static String normalized(RangeRequest r, String tier, long step, long from, long to) {
        StringBuilder sb = new StringBuilder(128).append("v1|").append(tier).append('|').append(step).append('|')
                .append(from).append('|').append(to).append('|').append(r.aggregation().label());
        appendPrefixed(sb, r.metric());
        sb.append("|m").append(r.matchers().size());
        r.matchers().forEach((k, v) -> {
            appendPrefixed(sb, k);
            appendPrefixed(sb, v);
        });
        sb.append("|b").append(r.by().size());
        r.by().forEach(b -> appendPrefixed(sb, b));
        return sb.toString();
    }

    private static void appendPrefixed(StringBuilder sb, String s) {
        sb.append('|').append(s.length()).append(':').append(s);
    }

    /** Whole seconds as a long (so JSON shows 1613707260, not 1.61370726E9), fractions as a double. */
    static Number seconds(long millis) {
        return millis % 1000 == 0 ? (Number) (millis / 1000) : (Number) (millis / 1000.0);
    }
}

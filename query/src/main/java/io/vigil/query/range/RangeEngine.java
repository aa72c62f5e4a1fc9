package io.vigil.query.range;

import io.vigil.query.cache.ResultCache;
import io.vigil.query.storage.MatchedSeries;
import io.vigil.query.storage.RangeStore;
import io.vigil.query.storage.SeriesCatalogue;
import io.vigil.query.storage.TierSelector;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Answers a range query: choose the tier, look in the cache (closed ranges only), resolve the series
 * on the catalogue, aggregate the step buckets in SQL, shape the answer and cache it.
 */
@ApplicationScoped
public class RangeEngine {
    private final SeriesCatalogue catalogue;
    private final RangeStore store;
    private final ResultCache cache;
    private final RangeLimits limits;

    RangeEngine(SeriesCatalogue catalogue, RangeStore store, ResultCache cache, RangeLimits limits) {
        this.catalogue = catalogue;
        this.store = store;
        this.cache = cache;
        this.limits = limits;
    }

    public RangeResult run(RangeRequest r) throws SQLException {
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
        MatchedSeries series = catalogue.match(r.metric(), r.matchers(), r.by(), limits.maxSeries());
        List<RangeStore.Bucket> buckets = store.aggregate(choice.tier(), series, from, to, step);
        List<List<List<Number>>> points = new ArrayList<>();
        for (int g = 0; g < series.groups().size(); g++) {
            points.add(new ArrayList<>());
        }
        for (RangeStore.Bucket b : buckets) {
            points.get(b.group()).add(List.of(seconds(b.startMillis()),
                    r.aggregation().apply(b.min(), b.max(), b.sum(), b.count())));
        }
        List<RangeResult.Series> out = new ArrayList<>();
        for (int g = 0; g < series.groups().size(); g++) {
            if (!points.get(g).isEmpty()) {
                out.add(new RangeResult.Series(series.groups().get(g), points.get(g)));
            }
        }
        out.sort(java.util.Comparator.comparing(s -> s.labels().toString()));
        RangeResult result = new RangeResult(r.metric(), r.matchers(), r.aggregation().label(), r.by(), choice.tier().label(),
                false, seconds(from), seconds(to - step), seconds(step), out);
        if (cacheable) {
            cache.put(key, choice.tier(), result);
        }
        return result;
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

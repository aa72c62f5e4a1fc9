package io.vigil.query.storage;

import io.vigil.query.promql.QueryContext;
import io.vigil.query.promql.QueryException;
import io.vigil.query.promql.Selection;
import io.vigil.query.promql.SeriesData;
import io.vigil.query.promql.SeriesSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * The PromQL engine's storage over TimescaleDB. Per selection: the matchers are resolved on the series
 * catalogue ({@link SeriesLookup}: pushed into SQL where that is exact, every candidate re-checked in
 * Java), the tier is chosen ({@link PromqlTierSelector}), and one statement reads the data of all
 * matched series from that tier ({@link SampleReader}).
 *
 * <pre>{@code
 * List<SeriesData> data = source.select(new Selection(matchers, start - 300_000, end, step, 0, null), context);
 * }</pre>
 *
 * Series whose {@code last_seen} is older than the range start minus {@code last-seen-slack} are not
 * read: they cannot have data in the range. Series are returned sorted by labels; series without data in
 * the range are left out.
 */
@ApplicationScoped
public class SqlSeriesSource implements SeriesSource {
    private final SeriesLookup lookup;
    private final SampleReader reader;
    private final StorageConfig config;
    private final Function<Selection, Tier> tiers;

    @Inject
    SqlSeriesSource(SeriesLookup lookup, SampleReader reader, StorageConfig config) {
        this(lookup, reader, config, new PromqlTierSelector(Clock.systemUTC())::select);
    }

    private SqlSeriesSource(SeriesLookup lookup, SampleReader reader, StorageConfig config,
            Function<Selection, Tier> tiers) {
        this.lookup = lookup;
        this.reader = reader;
        this.config = config;
        this.tiers = tiers;
    }

    /** A source that chooses tiers as if now were {@code clock}'s time (tests over fixed timestamps). */
    public SqlSeriesSource withClock(Clock clock) {
        return new SqlSeriesSource(lookup, reader, config, new PromqlTierSelector(clock)::select);
    }

    /** A source that reads every selection from one tier (comparing tiers on the same data). */
    SqlSeriesSource withTier(Tier tier) {
        return new SqlSeriesSource(lookup, reader, config, s -> tier);
    }

    @Override
    public List<SeriesData> select(Selection selection, QueryContext context) {
        CompiledSelector selector = CompiledSelector.compile(selection.matchers());
        Tier tier = tiers.apply(selection);
        context.usedTier(tier.label());
        int maxSeries = context.limits().maxSeries();
        long slack = config.lastSeenSlack().toMillis();
        long lastSeenFrom = Math.max(selection.minTimeMillis(), Long.MIN_VALUE + slack) - slack;
        List<SeriesLookup.Found> found = lookup.find(selector,
                new SeriesLookup.Window(ReadQuery.time(lastSeenFrom), null), maxSeries, context);
        if (found.size() > maxSeries) {
            throw new QueryException(QueryException.Kind.EXECUTION, "the selector " + selector + " matches more than "
                    + maxSeries + " series (limit " + maxSeries + " series per selector); narrow it with more matchers");
        }
        List<SeriesLookup.Found> sorted = found.stream().sorted(Comparator.comparing(SeriesLookup.Found::labels)).toList();
        return reader.read(tier, sorted, selection.minTimeMillis(), selection.maxTimeMillis(), context);
    }
}

package io.vigil.query.storage;

import io.agroal.api.AgroalDataSource;
import io.vigil.promql.ast.LabelMatcher;
import io.vigil.query.promql.LabelSet;
import io.vigil.query.promql.QueryContext;
import io.vigil.query.promql.QueryException;
import io.vigil.query.promql.QueryLimits;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The catalogue queries behind Prometheus' {@code /api/v1/series}, {@code /labels},
 * {@code /label/<name>/values} and {@code /metadata}. The metric name is the label {@code __name__}: a
 * label name of every series, and the source of its values.
 *
 * <p>Time ranges are checked on the catalogue, not on samples, so they are approximate by the slack of
 * its columns: a series counts for [start, end] when {@code last_seen >= start - last-seen-slack} (the
 * writer refreshes last_seen at most hourly) and {@code first_seen <= end + first-seen-slack}
 * (first_seen is when the writer first stored the series, up to the accepted lateness after its first
 * sample). A series may thus be listed up to about two hours after its last sample, and a backfill
 * older than the lateness is missing from listings of its old range (its data is still queryable).
 *
 * <p>{@code limit <= 0} means no limit; without one a listing that has to look at more than {@code
 * max-catalogue-candidates} series is refused rather than truncated silently. Names and values are
 * sorted; series by their labels.
 */
@ApplicationScoped
public class SeriesMetadata {
    private static final String WINDOW = "last_seen >= ? AND first_seen <= ?";

    private final AgroalDataSource dataSource;
    private final SeriesLookup lookup;
    private final StorageConfig config;

    SeriesMetadata(AgroalDataSource dataSource, SeriesLookup lookup, StorageConfig config) {
        this.dataSource = dataSource;
        this.lookup = lookup;
        this.config = config;
    }

    /** The series matching any of the selectors (at least one is required). */
    public List<LabelSet> series(List<List<LabelMatcher>> selectors, long start, long end, int limit) {
        if (selectors.isEmpty()) {
            throw new QueryException(QueryException.Kind.BAD_DATA, "no match[] parameter provided");
        }
        TreeSet<LabelSet> out = new TreeSet<>();
        int cap = limit > 0 ? limit : config.maxCatalogueCandidates();
        for (List<LabelMatcher> selector : selectors) {
            for (SeriesLookup.Found f : find(selector, start, end, cap, limit <= 0)) {
                out.add(f.labels());
            }
        }
        return truncate(new ArrayList<>(out), limit);
    }

    /** Label names (with {@code __name__}) of the series matching any selector, or of all series. */
    public List<String> labelNames(List<List<LabelMatcher>> selectors, long start, long end, int limit) {
        if (selectors.isEmpty()) {
            String sql = """
                    SELECT n FROM (SELECT jsonb_object_keys(labels) AS n FROM series WHERE %1$s
                                   UNION (SELECT '__name__' FROM series WHERE %1$s LIMIT 1)) names
                    ORDER BY n COLLATE "C" LIMIT ?""".formatted(WINDOW);
            return strings(sql, windowParams(start, end, windowParams(start, end, new ArrayList<>())), limit);
        }
        TreeSet<String> names = new TreeSet<>();
        for (List<LabelMatcher> selector : selectors) {
            for (SeriesLookup.Found f : find(selector, start, end, config.maxCatalogueCandidates(), true)) {
                for (int i = 0; i < f.labels().size(); i++) {
                    names.add(f.labels().name(i));
                }
            }
        }
        return truncate(new ArrayList<>(names), limit);
    }

    /** Values of one label (metric names for {@code __name__}) over the matching series, or all series. */
    public List<String> labelValues(String name, List<List<LabelMatcher>> selectors, long start, long end,
            int limit) {
        if (name == null || name.isEmpty()) {
            throw new QueryException(QueryException.Kind.BAD_DATA, "invalid label name: empty");
        }
        if (selectors.isEmpty()) {
            List<Object> params = new ArrayList<>();
            String value;
            if (name.equals(LabelSet.NAME)) {
                value = "metric_name";
            } else {
                value = "labels->>?";
                params.add(name);
            }
            String sql = "SELECT v FROM (SELECT DISTINCT " + value + " AS v FROM series WHERE " + WINDOW
                    + ") d WHERE v IS NOT NULL AND v <> '' ORDER BY v COLLATE \"C\" LIMIT ?";
            return strings(sql, windowParams(start, end, params), limit);
        }
        TreeSet<String> values = new TreeSet<>();
        for (List<LabelMatcher> selector : selectors) {
            for (SeriesLookup.Found f : find(selector, start, end, config.maxCatalogueCandidates(), true)) {
                String v = f.labels().get(name);
                if (v != null) {
                    values.add(v);
                }
            }
        }
        return truncate(new ArrayList<>(values), limit);
    }

    /** Every known metric (or just {@code metric}) with {@link MetricMetadata#UNKNOWN}: no HELP/TYPE store. */
    public Map<String, List<MetricMetadata>> metadata(String metric, int limit) {
        List<Object> params = new ArrayList<>();
        String where = "TRUE";
        if (metric != null && !metric.isEmpty()) {
            where = "metric_name = ?";
            params.add(metric);
        }
        String sql = "SELECT v FROM (SELECT DISTINCT metric_name AS v FROM series WHERE " + where
                + ") d ORDER BY v COLLATE \"C\" LIMIT ?";
        Map<String, List<MetricMetadata>> out = new LinkedHashMap<>();
        for (String name : strings(sql, params, limit)) {
            out.put(name, List.of(MetricMetadata.UNKNOWN));
        }
        return out;
    }

    private SeriesLookup.Window window(long start, long end) {
        long lastSeenSlack = config.lastSeenSlack().toMillis();
        long firstSeenSlack = config.firstSeenSlack().toMillis();
        return new SeriesLookup.Window(ReadQuery.time(Math.max(start, Long.MIN_VALUE + lastSeenSlack) - lastSeenSlack),
                ReadQuery.time(Math.min(end, Long.MAX_VALUE - firstSeenSlack) + firstSeenSlack));
    }

    private List<Object> windowParams(long start, long end, List<Object> params) {
        SeriesLookup.Window w = window(start, end);
        params.add(w.lastSeenFrom());
        params.add(w.firstSeenTo());
        return params;
    }

    private List<SeriesLookup.Found> find(List<LabelMatcher> matchers, long start, long end, int cap,
            boolean refuseMore) {
        CompiledSelector selector = CompiledSelector.compile(matchers);
        List<SeriesLookup.Found> found = lookup.find(selector, window(start, end), cap,
                new QueryContext(QueryLimits.DEFAULT));
        if (found.size() > cap) {
            if (refuseMore) {
                throw new QueryException(QueryException.Kind.EXECUTION, "the selector " + selector + " matches more than "
                        + cap + " series (limit vigil.query.storage.max-catalogue-candidates); narrow it");
            }
            return found.subList(0, cap);
        }
        return found;
    }

    private List<String> strings(String sql, List<Object> params, int limit) {
        int cap = limit > 0 ? limit : config.maxCatalogueCandidates();
        params.add((long) cap + 1);
        List<String> out = new ArrayList<>();
        ReadQuery.run(dataSource, sql, params, config.fetchSize(), rs -> {
            out.add(rs.getString(1));
            return true;
        });
        if (out.size() > cap) {
            if (limit <= 0) {
                throw new QueryException(QueryException.Kind.EXECUTION, "the listing has more than " + cap
                        + " entries (limit vigil.query.storage.max-catalogue-candidates); pass a limit or a match[] selector");
            }
            return out.subList(0, cap);
        }
        return out;
    }

    private static <T> List<T> truncate(List<T> sorted, int limit) {
        return limit > 0 && sorted.size() > limit ? List.copyOf(sorted.subList(0, limit)) : sorted;
    }
}

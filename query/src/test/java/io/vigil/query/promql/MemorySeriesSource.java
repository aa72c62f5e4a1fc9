package io.vigil.query.promql;

import io.vigil.promql.ast.LabelMatcher;
import io.vigil.query.promql.datafile.LoadedSeries;
import io.vigil.query.promql.datafile.Loader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * An in-memory store for the evaluator's unit tests: it matches selectors and cuts time ranges the
 * way the storage port promises, so PromQL semantics can be iterated on quickly. It is not a
 * stand-in for TimescaleDB: the same data files run against the real store in the storage IT.
 * Remembers every {@link Selection} it was asked for, so tests can check what the engine asks.
 */
public final class MemorySeriesSource implements SeriesSource, Loader {
    private final Map<LabelSet, TreeMap<Long, Double>> series = new HashMap<>();
    private final List<Selection> selections = new ArrayList<>();

    @Override
    public void load(List<LoadedSeries> loaded) {
        for (LoadedSeries s : loaded) {
            TreeMap<Long, Double> points = series.computeIfAbsent(s.labels(), k -> new TreeMap<>());
            for (int i = 0; i < s.times().length; i++) {
                points.put(s.times()[i], s.values()[i]);
            }
        }
    }

    @Override
    public void clear() {
        series.clear();
    }

    public List<Selection> selections() {
        return selections;
    }

    @Override
    public List<SeriesData> select(Selection selection, QueryContext context) {
        selections.add(selection);
        List<Pattern> patterns = new ArrayList<>();
        for (LabelMatcher m : selection.matchers()) {
            patterns.add(m.type() == LabelMatcher.MatchType.REGEX || m.type() == LabelMatcher.MatchType.NOT_REGEX
                    ? Pattern.compile("^(?s:" + m.value() + ")$") : null);
        }
        List<SeriesData> out = new ArrayList<>();
        for (Map.Entry<LabelSet, TreeMap<Long, Double>> e : series.entrySet()) {
            if (!matches(e.getKey(), selection.matchers(), patterns)) {
                continue;
            }
            Map<Long, Double> range = e.getValue().subMap(selection.minTimeMillis(), true, selection.maxTimeMillis(),
                    true);
            if (range.isEmpty()) {
                continue;
            }
            long[] t = new long[range.size()];
            double[] v = new double[range.size()];
            int i = 0;
            for (Map.Entry<Long, Double> p : range.entrySet()) {
                t[i] = p.getKey();
                v[i++] = p.getValue();
            }
            context.addSamples(i);
            out.add(new SeriesData(e.getKey(), t, v, i, null, "raw"));
            if (out.size() > context.limits().maxSeries()) {
                throw new QueryException(QueryException.Kind.EXECUTION,
                        "query touches too many series (limit " + context.limits().maxSeries() + ")");
            }
        }
        return out;
    }

    private static boolean matches(LabelSet labels, List<LabelMatcher> matchers, List<Pattern> patterns) {
        for (int i = 0; i < matchers.size(); i++) {
            LabelMatcher m = matchers.get(i);
            String value = labels.get(m.name());
            if (value == null) {
                value = "";
            }
            boolean ok = switch (m.type()) {
                case EQUAL -> value.equals(m.value());
                case NOT_EQUAL -> !value.equals(m.value());
                case REGEX -> patterns.get(i).matcher(value).matches();
                case NOT_REGEX -> !patterns.get(i).matcher(value).matches();
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}

package io.vigil.query.storage;

import io.vigil.query.promql.LabelSet;
import io.vigil.query.promql.datafile.LoadedSeries;
import io.vigil.query.promql.datafile.Loader;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Loads the series of PromQL data files into the real catalogue and samples tables; {@code clear}
 * removes what it loaded (and nothing else: other ITs share the database). first_seen and last_seen are
 * the times of the series' first and last sample, as the writer would have set them.
 */
final class SqlLoader implements Loader {
    private final SeriesTables tables;
    private final List<Long> loaded = new ArrayList<>();

    SqlLoader(Connection connection) {
        this.tables = new SeriesTables(connection);
    }

    @Override
    public void load(List<LoadedSeries> series) {
        try {
            for (LoadedSeries s : series) {
                if (s.times().length == 0) {
                    continue;
                }
                Map<String, String> labels = new TreeMap<>(s.labels().toMap());
                String metric = labels.remove(LabelSet.NAME);
                long id = tables.series(metric == null ? "" : metric, labels, s.times()[0],
                        s.times()[s.times().length - 1]);
                tables.samples(id, s.times(), s.values());
                loaded.add(id);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("loading data file series failed", e);
        }
    }

    @Override
    public void clear() {
        if (loaded.isEmpty()) {
            return;
        }
        try {
            tables.delete(loaded.stream().mapToLong(Long::longValue).toArray());
            loaded.clear();
        } catch (SQLException e) {
            throw new IllegalStateException("clearing data file series failed", e);
        }
    }
}

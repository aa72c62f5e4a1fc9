package io.vigil.query.promql.engine;

import io.vigil.query.promql.LabelSet;
import io.vigil.query.promql.QueryException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Joins series that ended up with the same labels (typically after the metric name was dropped).
 * Prometheus allows that as long as they never both have a value at the same step; otherwise the
 * vector at that step would hold two identical label sets.
 */
final class SeriesMerger {
    static final String DUPLICATE = "vector cannot contain metrics with the same labelset";

    private SeriesMerger() {
    }

    static List<StepSeries> merge(List<StepSeries> series) {
        Map<LabelSet, StepSeries> byLabels = new LinkedHashMap<>();
        boolean duplicates = false;
        for (StepSeries s : series) {
            StepSeries first = byLabels.putIfAbsent(s.labels, s);
            if (first != null) {
                duplicates = true;
                break;
            }
        }
        if (!duplicates) {
            return series;
        }
        byLabels.clear();
        for (StepSeries s : series) {
            StepSeries into = byLabels.get(s.labels);
            if (into == null) {
                byLabels.put(s.labels, copy(s));
                continue;
            }
            for (int i = 0; i < s.present.length; i++) {
                if (s.present[i]) {
                    if (into.present[i]) {
                        throw new QueryException(QueryException.Kind.EXECUTION, DUPLICATE);
                    }
                    into.set(i, s.values[i]);
                }
            }
        }
        return new ArrayList<>(byLabels.values());
    }

    private static StepSeries copy(StepSeries s) {
        return new StepSeries(s.labels, s.values.clone(), s.present.clone());
    }
}

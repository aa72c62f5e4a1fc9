package io.vigil.query.storage;

import io.vigil.promql.ast.LabelMatcher;
import io.vigil.query.promql.LabelSet;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** TEMPORARY stub (branch wip/storage); removed when that branch is merged. */
@ApplicationScoped
public class SeriesMetadata {
    public List<LabelSet> series(List<List<LabelMatcher>> selectors, long start, long end, int limit) {
        return List.of();
    }

    public List<String> labelNames(List<List<LabelMatcher>> selectors, long start, long end, int limit) {
        return List.of();
    }

    public List<String> labelValues(String name, List<List<LabelMatcher>> selectors, long start, long end, int limit) {
        return List.of();
    }
}

package io.vigil.query.promql;

import java.util.List;

/**
 * A query's value plus what the APIs report about how it was answered: the finest tier read (null
 * when no storage was touched), whether the answer came from the cache, and warnings for the
 * response's {@code warnings} field.
 */
public record QueryResult(QueryValue value, String tier, boolean cached, List<String> warnings) {
    public QueryResult {
        warnings = List.copyOf(warnings);
    }
}

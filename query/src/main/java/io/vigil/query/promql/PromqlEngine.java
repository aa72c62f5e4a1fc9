package io.vigil.query.promql;

/** TEMPORARY stub of the engine facade (branch wip/engine); removed when that branch is merged. */
public class PromqlEngine {
    public PromqlEngine(SeriesSource source) {
    }

    public QueryResult instant(String query, long timeMillis, QueryLimits limits) {
        throw new QueryException(QueryException.Kind.INTERNAL, "engine not merged yet");
    }

    public QueryResult range(String query, long startMillis, long endMillis, long stepMillis, QueryLimits limits) {
        throw new QueryException(QueryException.Kind.INTERNAL, "engine not merged yet");
    }
}

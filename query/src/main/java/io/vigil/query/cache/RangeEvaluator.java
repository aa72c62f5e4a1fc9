package io.vigil.query.cache;

import io.vigil.query.promql.QueryResult;

/** Computes a range query from storage; the PromQL engine's {@code range} method. */
@FunctionalInterface
public interface RangeEvaluator {
    QueryResult range(long startMillis, long endMillis, long stepMillis);
}

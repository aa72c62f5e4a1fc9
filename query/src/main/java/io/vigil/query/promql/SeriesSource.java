package io.vigil.query.promql;

import java.util.List;

/**
 * The evaluator's port to storage. The query service implements it over TimescaleDB (label matching
 * on the series catalogue, time ranges and tier choice in SQL).
 */
public interface SeriesSource {
    /**
     * Every series matching all matchers of the selection, with its data in the selected time range.
     * Series without data in the range may be left out.
     *
     * @throws QueryException with {@link QueryException.Kind#EXECUTION} when the selection touches more
     *         series or samples than the limits allow, {@link QueryException.Kind#UNAVAILABLE} when
     *         storage cannot be reached
     */
    List<SeriesData> select(Selection selection, QueryContext context);
}

package io.vigil.query.promql.datafile;

import io.vigil.query.promql.LabelSet;

/**
 * One series of a {@code load} block: its labels (metric name as {@code __name__}) and its samples in
 * time order. A staleness marker is the NaN with bits {@link io.vigil.query.promql.SeriesData#STALE_NAN_BITS}.
 */
public record LoadedSeries(LabelSet labels, long[] times, double[] values) {
}

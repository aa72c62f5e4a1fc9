package io.vigil.kafka;

import io.vigil.model.Labels;

/**
 * A decoded {@code vigil.samples} record: one series and its samples. Timestamps are Unix epoch
 * milliseconds; {@code count} entries of the arrays are valid.
 */
public record SeriesBatch(long seriesId, Labels labels, long[] timestamps, double[] values, int count) {
}

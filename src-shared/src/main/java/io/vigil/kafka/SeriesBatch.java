package io.vigil.kafka;

import io.vigil.model.Labels;

/**
 * One series and its samples, decoded from a {@code vigil.samples} record. Timestamps are Unix epoch
 * milliseconds; {@code count} entries of the arrays are valid. {@code delta} marks samples that are
 * increases since the previous sample (OTLP delta temporality), which the writer turns into a running
 * total before storing.
 */
public record SeriesBatch(long seriesId, Labels labels, long[] timestamps, double[] values, int count, boolean delta) {
    /** A batch of ordinary (cumulative or gauge) samples. */
    public SeriesBatch(long seriesId, Labels labels, long[] timestamps, double[] values, int count) {
        this(seriesId, labels, timestamps, values, count, false);
    }
}

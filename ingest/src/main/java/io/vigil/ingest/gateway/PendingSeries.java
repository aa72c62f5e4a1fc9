package io.vigil.ingest.gateway;

import io.vigil.model.Labels;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The samples of one request grouped by series, so that each series becomes one Kafka record keyed
 * by its id (and so always lands on the same partition).
 */
public final class PendingSeries {
    /** Samples of one series in arrival order. */
    public static final class Series {
        final Labels labels;
        long[] timestamps = new long[4];
        double[] values = new double[4];
        int count;

        Series(Labels labels) {
            this.labels = labels;
        }

        void add(long timestamp, double value) {
            if (count == timestamps.length) {
                timestamps = Arrays.copyOf(timestamps, count * 2);
                values = Arrays.copyOf(values, count * 2);
            }
            timestamps[count] = timestamp;
            values[count] = value;
            count++;
        }

        public Labels labels() {
            return labels;
        }

        public long[] timestamps() {
            return timestamps;
        }

        public double[] values() {
            return values;
        }

        public int count() {
            return count;
        }
    }

    private final Map<Labels, Series> byLabels = new HashMap<>();
    private final List<Series> ordered = new ArrayList<>();
    private int samples;

    public void add(Labels labels, long timestampMillis, double value) {
        Series s = byLabels.get(labels);
        if (s == null) {
            s = new Series(labels);
            byLabels.put(labels, s);
            ordered.add(s);
        }
        s.add(timestampMillis, value);
        samples++;
    }

    public List<Series> series() {
        return ordered;
    }

    public int sampleCount() {
        return samples;
    }
}

package io.vigil.ingest.gateway.influx;

import io.vigil.wire.LabelBuffer;
import io.vigil.wire.SampleSink;
import java.nio.charset.StandardCharsets;

/**
 * Adds the request's database or bucket as a label to every series of the request (see {@link
 * InfluxConfig#databaseLabel()}), unless the series has that label already. The key and value are
 * encoded once per request, so the series path stays free of allocation.
 */
final class DatabaseLabel implements SampleSink {
    private final SampleSink next;
    private final String key;
    private final byte[] keyBytes;
    private final byte[] valueBytes;

    DatabaseLabel(SampleSink next, String key, String value) {
        this.next = next;
        this.key = key;
        this.keyBytes = key.getBytes(StandardCharsets.UTF_8);
        this.valueBytes = value.getBytes(StandardCharsets.UTF_8);
    }

    /** The sink itself when there is nothing to add (no label configured or no database given). */
    static SampleSink wrap(SampleSink sink, java.util.Optional<String> label, String database) {
        return label.isEmpty() || database == null || database.isEmpty() ? sink : new DatabaseLabel(sink, label.get(), database);
    }

    @Override
    public boolean beginSeries(LabelBuffer labels) {
        for (int i = 0; i < labels.labelCount(); i++) {
            if (labels.keyEquals(i, key)) {
                return next.beginSeries(labels);
            }
        }
        labels.addLabel(keyBytes, 0, keyBytes.length, valueBytes, 0, valueBytes.length);
        return next.beginSeries(labels);
    }

    @Override
    public void sample(long timestampMillis, double value) {
        next.sample(timestampMillis, value);
    }

    @Override
    public void reject(String reason) {
        next.reject(reason);
    }
}

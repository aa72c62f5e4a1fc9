package io.vigil.ingest.gateway.pushgateway;

import io.vigil.model.Labels;
import io.vigil.wire.LabelBuffer;
import io.vigil.wire.SampleSink;
import java.util.List;
import java.util.Map;

/**
 * Writes a group's samples into a sink, all at one time: its pushed series, then
 * {@code push_time_seconds} and {@code push_failure_time_seconds} with the grouping labels (as a
 * Pushgateway exposes them), and staleness markers for series that are gone.
 */
final class PushgatewayMetrics {
    static final String PUSH_TIME = "push_time_seconds";
    static final String PUSH_FAILURE_TIME = "push_failure_time_seconds";
    /** Prometheus' staleness marker: a NaN no computation produces, stored bit-exact. */
    static final double STALE = Double.longBitsToDouble(0x7ff0000000000002L);

    private final LabelBuffer buffer = new LabelBuffer();

    /** The group's current values at {@code nowMillis}. */
    void emit(PushedGroup group, long nowMillis, SampleSink sink) {
        for (PushedGroup.Series s : group.series()) {
            write(s.labels(), nowMillis, s.value(), sink);
        }
        write(timeSeries(group, PUSH_TIME), nowMillis, group.pushTimeMillis() / 1000.0, sink);
        write(timeSeries(group, PUSH_FAILURE_TIME), nowMillis, group.failureTimeMillis() / 1000.0, sink);
    }

    /** Staleness markers for a group that was deleted: its series and its two time series. */
    void emitDeleted(PushedGroup group, long nowMillis, SampleSink sink) {
        for (PushedGroup.Series s : group.series()) {
            write(s.labels(), nowMillis, STALE, sink);
        }
        write(timeSeries(group, PUSH_TIME), nowMillis, STALE, sink);
        write(timeSeries(group, PUSH_FAILURE_TIME), nowMillis, STALE, sink);
    }

    void emitStale(List<Labels> gone, long nowMillis, SampleSink sink) {
        for (Labels l : gone) {
            write(l, nowMillis, STALE, sink);
        }
    }

    static Labels timeSeries(PushedGroup group, String name) {
        Map<String, String> labels = new java.util.TreeMap<>();
        group.key().labels().forEach((k, v) -> {
            if (!v.isEmpty()) {
                labels.put(k, v);
            }
        });
        return Labels.of(name, labels);
    }

    private void write(Labels labels, long time, double value, SampleSink sink) {
        buffer.reset();
        buffer.setName(labels.metricName());
        for (int i = 0; i < labels.size(); i++) {
            buffer.addLabel(labels.key(i), labels.value(i));
        }
        if (sink.beginSeries(buffer)) {
            sink.sample(time, value);
        }
    }
}

package io.vigil.wire.otlp;

import io.vigil.wire.LabelBuffer;
import io.vigil.wire.SampleSink;

/**
 * Builds the final label set of each series from the metric's translated name, a suffix
 * ({@code _bucket}…), an optional extra label ({@code le}, {@code quantile}) and the labels of the
 * current data point, and hands it to the sink.
 *
 * <p>When two labels end up with the same name (after sanitizing, or an attribute named like a
 * label Vigil sets), the first one wins, in this order: {@code le}/{@code quantile}, {@code job},
 * {@code instance}, promoted resource attributes, scope labels, data point attributes in the order
 * sent. (Prometheus joins such values with {@code ;}; keeping one is simpler to query.)
 */
final class SeriesEmitter {
    /** Prometheus' staleness marker, for data points flagged "no recorded value". */
    static final double STALE_NAN = Double.longBitsToDouble(0x7ff0000000000002L);

    private final LabelBuffer labels = new LabelBuffer();
    /** Labels of the current data point: resource, scope and point attributes. */
    final LabelBuffer point = new LabelBuffer();
    private SampleSink sink;
    private byte[] name;
    private int nameLength;
    private int emitted;

    void start(SampleSink sink) {
        this.sink = sink;
        this.emitted = 0;
    }

    SampleSink sink() {
        return sink;
    }

    /** Samples handed to the sink so far in this parse. */
    int emitted() {
        return emitted;
    }

    void metricName(byte[] name, int length) {
        this.name = name;
        this.nameLength = length;
    }

    /** Copies all labels of {@code from} (not its name) to the end of {@code to}. */
    static void copyLabels(LabelBuffer from, LabelBuffer to) {
        byte[] b = from.bytes();
        for (int i = 0; i < from.labelCount(); i++) {
            to.addLabel(b, from.keyOffset(i), from.keyLength(i), b, from.valueOffset(i), from.valueLength(i));
        }
    }

    /** One sample of series name+suffix{extraKey=extraValue, point labels}; extraKey may be null. */
    void emit(byte[] suffix, byte[] extraKey, byte[] extraValue, boolean delta, long timeMillis, double value) {
        labels.reset();
        int start = labels.position();
        labels.append(name, 0, nameLength);
        labels.append(suffix, 0, suffix.length);
        labels.nameFrom(start);
        if (extraKey != null) {
            labels.addLabel(extraKey, 0, extraKey.length, extraValue, 0, extraValue.length);
        }
        copyLabels(point, labels);
        emitPrepared(labels, delta, timeMillis, value);
    }

    /** Emits a complete label set (sorted and deduplicated here). */
    void emitPrepared(LabelBuffer series, boolean delta, long timeMillis, double value) {
        for (int dup = series.sort(); dup >= 0; dup = series.sort()) {
            series.removeLabel(dup); // the sort is stable: the label added first stays
        }
        boolean accepted = delta ? sink.beginDeltaSeries(series) : sink.beginSeries(series);
        if (accepted) {
            sink.sample(timeMillis, value);
            emitted++;
        }
    }
}

package io.vigil.wire.otlp;

import io.vigil.model.Labels;
import io.vigil.wire.LabelBuffer;
import io.vigil.wire.SampleSink;
import java.util.ArrayList;
import java.util.List;

/** Collects what a parser hands over, as readable lines: {@code name{k="v"} time value [delta]}. */
final class RecordingSink implements SampleSink {
    final List<String> samples = new ArrayList<>();
    final List<String> rejections = new ArrayList<>();
    final List<Labels> series = new ArrayList<>();
    private String current;

    @Override
    public boolean beginSeries(LabelBuffer labels) {
        return begin(labels, "");
    }

    @Override
    public boolean beginDeltaSeries(LabelBuffer labels) {
        return begin(labels, " delta");
    }

    private boolean begin(LabelBuffer labels, String kind) {
        labels.sort();
        Labels l = labels.toLabels();
        series.add(l);
        current = l + kind;
        return true;
    }

    @Override
    public void sample(long timestampMillis, double value) {
        String v = Double.doubleToRawLongBits(value) == 0x7ff0000000000002L ? "stale" : Double.toString(value);
        samples.add(current.replace(" delta", "") + " " + timestampMillis + " " + v + (current.endsWith(" delta") ? " delta" : ""));
    }

    @Override
    public void reject(String reason) {
        rejections.add(reason);
    }
}

package io.vigil.wire.exposition;

import io.vigil.model.Labels;
import io.vigil.wire.LabelBuffer;
import io.vigil.wire.SampleSink;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Records what a parser handed over, as readable lines: {@code name{a="x",b="y"} value @time}. */
final class RecordingSink implements SampleSink {
    final List<String> samples = new ArrayList<>();
    final List<Labels> series = new ArrayList<>();
    final List<Double> values = new ArrayList<>();
    final List<String> rejected = new ArrayList<>();
    final List<String> families = new ArrayList<>();
    private String current;

    static final long NOW = 1_700_000_000_000L;

    static RecordingSink text(String body) {
        return parse(body, ExpositionFormat.PROMETHEUS_TEXT);
    }

    static RecordingSink openMetrics(String body) {
        return parse(body, ExpositionFormat.OPENMETRICS);
    }

    static RecordingSink parse(String body, ExpositionFormat format) {
        RecordingSink sink = new RecordingSink();
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ExpositionParser.parse(bytes, 0, bytes.length, NOW, format, sink, sink::family);
        return sink;
    }

    void family(String name, MetricType type, String help, String unit) {
        families.add(name + " " + type + (help == null ? "" : " help=" + help) + (unit == null ? "" : " unit=" + unit));
    }

    @Override
    public boolean beginSeries(LabelBuffer labels) {
        Labels l = labels.toLabels();
        series.add(l);
        current = l.toString();
        return true;
    }

    @Override
    public void sample(long timestampMillis, double value) {
        values.add(value);
        samples.add(current + " " + (Double.isNaN(value) ? "NaN" : Double.toString(value))
                + (timestampMillis == NOW ? "" : " @" + timestampMillis));
    }

    @Override
    public void reject(String reason) {
        rejected.add(reason);
    }
}

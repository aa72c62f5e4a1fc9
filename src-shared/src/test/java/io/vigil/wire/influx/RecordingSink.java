package io.vigil.wire.influx;

import io.vigil.wire.LabelBuffer;
import io.vigil.wire.SampleSink;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Writes down what a parser hands over, as readable strings: {@code name{k="v",...} ts value}. */
final class RecordingSink implements SampleSink {
    final List<String> samples = new ArrayList<>();
    final List<String> rejections = new ArrayList<>();
    private String series;

    static RecordingSink parse(String body, Precision precision) {
        RecordingSink sink = new RecordingSink();
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        sink.result = InfluxLineParser.parse(bytes, 0, bytes.length, 42_000, precision, sink);
        return sink;
    }

    InfluxParseResult result;

    @Override
    public boolean beginSeries(LabelBuffer labels) {
        labels.sort();
        StringBuilder s = new StringBuilder(labels.name()).append('{');
        for (int i = 0; i < labels.labelCount(); i++) {
            s.append(i == 0 ? "" : ",")
                    .append(new String(labels.bytes(), labels.keyOffset(i), labels.keyLength(i), StandardCharsets.UTF_8))
                    .append("=\"")
                    .append(new String(labels.bytes(), labels.valueOffset(i), labels.valueLength(i), StandardCharsets.UTF_8))
                    .append('"');
        }
        series = s.append('}').toString();
        return true;
    }

    @Override
    public void sample(long timestampMillis, double value) {
        samples.add(series + " " + timestampMillis + " " + value);
    }

    @Override
    public void reject(String reason) {
        rejections.add(reason);
    }
}

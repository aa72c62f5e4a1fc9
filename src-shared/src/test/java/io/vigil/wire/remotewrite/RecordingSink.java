package io.vigil.wire.remotewrite;

import io.vigil.model.Labels;
import io.vigil.wire.LabelBuffer;
import io.vigil.wire.SampleSink;
import java.util.ArrayList;
import java.util.List;

/** Keeps what a parser reported, as Labels and sample lists, so tests can compare it with what was sent. */
final class RecordingSink implements SampleSink {
    record Series(Labels labels, List<long[]> samples) {
        /** Timestamp and raw value bits of sample i. */
        long timestamp(int i) {
            return samples.get(i)[0];
        }

        long valueBits(int i) {
            return samples.get(i)[1];
        }
    }

    final List<Series> series = new ArrayList<>();
    final List<String> rejects = new ArrayList<>();
    private Series current;

    @Override
    public boolean beginSeries(LabelBuffer labels) {
        int dup = labels.sort();
        if (dup >= 0) {
            reject("duplicate label");
            current = null;
            return false;
        }
        current = new Series(labels.toLabels(), new ArrayList<>());
        series.add(current);
        return true;
    }

    @Override
    public void sample(long timestampMillis, double value) {
        if (current == null) {
            throw new AssertionError("sample without an accepted series");
        }
        current.samples().add(new long[] {timestampMillis, Double.doubleToRawLongBits(value)});
    }

    @Override
    public void reject(String reason) {
        rejects.add(reason);
    }
}

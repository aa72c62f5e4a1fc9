package io.vigil.wire.remotewrite;

import io.vigil.wire.LabelBuffer;
import io.vigil.wire.SampleSink;

/**
 * Remote write 1.0 {@code prometheus.WriteRequest}, decoded in place:
 *
 * <pre>
 * WriteRequest { repeated TimeSeries timeseries = 1; repeated MetricMetadata metadata = 3; }
 * TimeSeries   { repeated Label labels = 1; repeated Sample samples = 2;
 *                repeated Exemplar exemplars = 3; repeated Histogram histograms = 4; }
 * Label        { string name = 1; string value = 2; }
 * Sample       { double value = 1; int64 timestamp = 2; }
 * </pre>
 *
 * Metadata and exemplars are skipped; native histograms are refused (one reason per series).
 * Unknown fields are skipped, as protobuf requires.
 */
final class WriteRequestV1 {
    private final ProtoReader in = new ProtoReader();
    private final LabelBuffer labels = new LabelBuffer();

    void decode(byte[] msg, int offset, int length, SampleSink sink) {
        in.reset(msg, offset, length);
        while (in.hasMore()) {
            int tag = in.readTag();
            if (tag == (1 << 3 | ProtoReader.LEN)) {
                int end = in.readLengthDelimitedEnd();
                timeSeries(end, sink);
                in.pos = end;
            } else {
                in.skip(tag & 7);
            }
        }
    }

    private void timeSeries(int end, SampleSink sink) {
        int start = in.pos;
        int outerLimit = in.limit;
        in.limit = end;
        labels.reset();
        boolean duplicateName = false;
        int samples = 0;
        int histograms = 0;
        while (in.hasMore()) {
            int tag = in.readTag();
            switch (tag) {
                case 1 << 3 | ProtoReader.LEN -> duplicateName |= !label(in.readLengthDelimitedEnd());
                case 2 << 3 | ProtoReader.LEN -> {
                    samples++;
                    in.skip(ProtoReader.LEN);
                }
                case 4 << 3 | ProtoReader.LEN -> {
                    histograms++;
                    in.skip(ProtoReader.LEN);
                }
                default -> in.skip(tag & 7);
            }
        }
        SampleMessage.finishSeries(in, start, duplicateName ? "label __name__ is given twice" : null, histograms, samples,
                labels, sink);
        in.limit = outerLimit;
    }

    /** Reads one Label; returns false when it repeats __name__. */
    private boolean label(int end) {
        int outerLimit = in.limit;
        in.limit = end;
        int nameOff = in.pos;
        int nameLen = 0;
        int valueOff = in.pos;
        int valueLen = 0;
        while (in.hasMore()) {
            int tag = in.readTag();
            if (tag == (1 << 3 | ProtoReader.LEN) || tag == (2 << 3 | ProtoReader.LEN)) {
                int e = in.readLengthDelimitedEnd();
                if (tag >>> 3 == 1) {
                    nameOff = in.pos;
                    nameLen = e - in.pos;
                } else {
                    valueOff = in.pos;
                    valueLen = e - in.pos;
                }
                in.pos = e;
            } else {
                in.skip(tag & 7);
            }
        }
        in.limit = outerLimit;
        return SeriesLabels.add(labels, in.buf, nameOff, nameLen, valueOff, valueLen);
    }
}

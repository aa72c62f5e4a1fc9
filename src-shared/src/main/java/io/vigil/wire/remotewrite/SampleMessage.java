package io.vigil.wire.remotewrite;

import io.vigil.wire.LabelBuffer;
import io.vigil.wire.SampleSink;

/**
 * The {@code Sample} message, the same in remote write 1.0 and 2.0: {@code double value = 1; int64
 * timestamp = 2;} (milliseconds). The value's bits go to the sink untouched, so stale markers survive.
 */
final class SampleMessage {
    private SampleMessage() {
    }

    /** Reads one sample ending at {@code end} and hands it to the sink; other fields are skipped. */
    static void read(ProtoReader in, int end, SampleSink sink) {
        int outerLimit = in.limit;
        in.limit = end;
        long bits = 0;
        long timestamp = 0;
        while (in.hasMore()) {
            int tag = in.readTag();
            if (tag == (1 << 3 | ProtoReader.FIXED64)) {
                bits = in.readFixed64();
            } else if (tag == (2 << 3 | ProtoReader.VARINT)) {
                timestamp = in.readVarint();
            } else {
                in.skip(tag & 7);
            }
        }
        in.limit = outerLimit;
        sink.sample(timestamp, Double.longBitsToDouble(bits));
    }

    /**
     * Ends a TimeSeries message whose labels were read: reports a series {@code problem} or dropped
     * native histograms to the sink, then, for a valid series the sink accepts, reads its samples
     * (field 2, from {@code start}) into it. Shared by 1.0 and 2.0, whose series messages keep samples
     * in the same field.
     */
    static void finishSeries(ProtoReader in, int start, String problem, int histograms, int samples, LabelBuffer labels,
            SampleSink sink) {
        if (problem != null) {
            sink.reject("series " + labels.name() + ": " + problem);
        } else if (histograms > 0) {
            sink.reject("series " + labels.name() + ": " + histograms
                    + " native histogram sample(s) dropped (native histograms are not supported)");
        }
        if (problem == null && samples > 0 && sink.beginSeries(labels)) {
            in.pos = start;
            while (in.hasMore()) {
                int tag = in.readTag();
                if (tag == (2 << 3 | ProtoReader.LEN)) {
                    read(in, in.readLengthDelimitedEnd(), sink);
                } else {
                    in.skip(tag & 7);
                }
            }
        }
    }
}

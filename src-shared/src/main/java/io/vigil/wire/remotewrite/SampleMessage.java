package io.vigil.wire.remotewrite;

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
}

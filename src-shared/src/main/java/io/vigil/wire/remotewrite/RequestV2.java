package io.vigil.wire.remotewrite;

import io.vigil.wire.LabelBuffer;
import io.vigil.wire.SampleSink;
import java.util.Arrays;

/**
 * Remote write 2.0 {@code io.prometheus.write.v2.Request}, decoded in place:
 *
 * <pre>
 * Request    { repeated string symbols = 4; repeated TimeSeries timeseries = 5; }
 * TimeSeries { repeated uint32 labels_refs = 1; repeated Sample samples = 2; repeated Histogram histograms = 3;
 *              repeated Exemplar exemplars = 4; Metadata metadata = 5; int64 created_timestamp = 6; }
 * Sample     { double value = 1; int64 timestamp = 2; }
 * </pre>
 *
 * Labels are pairs of indexes into the symbols table (packed or not: both encodings of a repeated
 * uint32 are accepted). The symbols are indexed in a first pass, since protobuf does not promise
 * they come first. A series with an odd number of refs or a ref outside the table is refused;
 * metadata, exemplars and created timestamps are ignored; native histograms are refused per series.
 */
final class RequestV2 {
    private final ProtoReader in = new ProtoReader();
    private final LabelBuffer labels = new LabelBuffer();
    private int[] symbolOffset = new int[256];
    private int[] symbolLength = new int[256];
    private int symbols;
    private int[] refs = new int[64];
    private int refCount;

    void decode(byte[] msg, int offset, int length, SampleSink sink) {
        indexSymbols(msg, offset, length);
        in.reset(msg, offset, length);
        while (in.hasMore()) {
            int tag = in.readTag();
            if (tag == (5 << 3 | ProtoReader.LEN)) {
                int end = in.readLengthDelimitedEnd();
                timeSeries(end, sink);
                in.pos = end;
            } else {
                in.skip(tag & 7);
            }
        }
    }

    private void indexSymbols(byte[] msg, int offset, int length) {
        symbols = 0;
        in.reset(msg, offset, length);
        while (in.hasMore()) {
            int tag = in.readTag();
            if (tag == (4 << 3 | ProtoReader.LEN)) {
                int end = in.readLengthDelimitedEnd();
                if (symbols == symbolOffset.length) {
                    symbolOffset = Arrays.copyOf(symbolOffset, symbols * 2);
                    symbolLength = Arrays.copyOf(symbolLength, symbols * 2);
                }
                symbolOffset[symbols] = in.pos;
                symbolLength[symbols] = end - in.pos;
                symbols++;
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
        refCount = 0;
        int samples = 0;
        int histograms = 0;
        while (in.hasMore()) {
            int tag = in.readTag();
            switch (tag) {
                case 1 << 3 | ProtoReader.VARINT -> addRef(in.readVarint());
                case 1 << 3 | ProtoReader.LEN -> {
                    int e = in.readLengthDelimitedEnd();
                    int packedLimit = in.limit;
                    in.limit = e;
                    while (in.hasMore()) {
                        addRef(in.readVarint());
                    }
                    in.limit = packedLimit;
                }
                case 2 << 3 | ProtoReader.LEN -> {
                    samples++;
                    in.skip(ProtoReader.LEN);
                }
                case 3 << 3 | ProtoReader.LEN -> {
                    histograms++;
                    in.skip(ProtoReader.LEN);
                }
                default -> in.skip(tag & 7);
            }
        }
        SampleMessage.finishSeries(in, start, buildLabels(), histograms, samples, labels, sink);
        in.limit = outerLimit;
    }

    private void addRef(long ref) {
        if (refCount == refs.length) {
            refs = Arrays.copyOf(refs, refCount * 2);
        }
        // Out-of-range refs are kept as -1 and refused with the series, not the whole request.
        refs[refCount++] = ref < 0 || ref >= symbols ? -1 : (int) ref;
    }

    /** Fills the label buffer from the refs; returns why the series is unusable, or null. */
    private String buildLabels() {
        labels.reset();
        if ((refCount & 1) != 0) {
            return "odd number of label references (" + refCount + ")";
        }
        for (int i = 0; i < refCount; i += 2) {
            int name = refs[i];
            int value = refs[i + 1];
            if (name < 0 || value < 0) {
                return "label reference outside the symbols table (" + symbols + " symbols)";
            }
            if (!SeriesLabels.add(labels, in.buf, symbolOffset[name], symbolLength[name], symbolOffset[value],
                    symbolLength[value])) {
                return "label __name__ is given twice";
            }
        }
        return null;
    }
}

package io.vigil.kafka;

import io.vigil.model.Labels;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Binary encoding of {@code vigil.samples} record values. Decoding reads both versions, so records
 * written before an upgrade stay readable; truncated, oversized or trailing input is refused with an
 * {@link IllegalArgumentException} naming what is wrong.
 *
 * <p><b>Version 2</b> (written by the gateway, see {@link SampleRecordBuilder}): one record per
 * partition per request, carrying every series of the request that belongs to that partition. One
 * record per series would cost a record (and its allocations) per sample when, as usual, each series
 * has a single sample in a request.
 *
 * <pre>
 * byte     format version (2)
 * int32    series count (big-endian; fixed width so the encoder can patch it)
 * per series:
 *   byte     flags: bit 0 = delta (samples are increases since the previous sample); other bits 0
 *   int64    series id (big-endian)
 *   varint   length, then UTF-8 metric name
 *   varint   label count, then per label: varint length + UTF-8 key, varint length + UTF-8 value
 *            (sorted by key)
 *   int32    sample count (big-endian, fixed width)
 *   per sample: zig-zag varint timestamp in ms (the first absolute, then the delta to the previous
 *               one), int64 IEEE-754 bits of the value (big-endian; NaN payloads such as
 *               staleness markers survive)
 * </pre>
 *
 * <p><b>Partition and key contract (version 2).</b> The producer chooses the partition itself with
 * {@link #partitionOf}, so a series always lands on the same partition (as long as the partition
 * count does not change), which per-series state in consumers (delta accumulation) relies on. The
 * record key is the first series id of the record (8 bytes, big-endian), for tools only: consumers
 * must take series ids from the value, never from the key.
 *
 * <p><b>Version 1</b> (still decoded; {@link #encode} writes it for tools and tests): one series per
 * record, key = its id, partition chosen by Kafka's default partitioner from the key. Layout: byte 1,
 * int64 series id, the name and labels as above, varint sample count, samples as above. Version 1
 * series moving to the version 2 partition once is harmless: raw samples are stored idempotently.
 *
 * <p>The labels travel with every series so that the writer can maintain the series catalogue
 * without a lookup; the writer checks that they hash to the series id.
 */
public final class SampleBatchCodec {
    public static final byte VERSION_1 = 1;
    public static final byte VERSION_2 = 2;
    /** Flag bit of a series whose samples are deltas. */
    public static final int FLAG_DELTA = 1;
    static final int MAX_LABELS = 1024;
    static final int MAX_SAMPLES = 1 << 22;
    static final int MAX_SERIES = 1 << 22;
    /** Smallest possible encoded series in version 2: flags, id, empty name, no labels, count. */
    private static final int MIN_SERIES_BYTES = 1 + 8 + 1 + 1 + 4;

    private SampleBatchCodec() {
    }

    /** The partition of a series: stable for a given partition count, the same in every gateway. */
    public static int partitionOf(long seriesId, int partitions) {
        return (int) Long.remainderUnsigned(seriesId, partitions);
    }

    /** An 8-byte big-endian key: a version 1 record's series id, a version 2 record's first series id. */
    public static byte[] key(long seriesId) {
        byte[] k = new byte[8];
        for (int i = 7; i >= 0; i--) {
            k[i] = (byte) seriesId;
            seriesId >>>= 8;
        }
        return k;
    }

    public static long seriesIdOfKey(byte[] key) {
        if (key == null || key.length != 8) {
            throw new IllegalArgumentException("record key must be 8 bytes, got " + (key == null ? "null" : key.length));
        }
        long id = 0;
        for (byte b : key) {
            id = id << 8 | (b & 0xFF);
        }
        return id;
    }

    /** A version 1 value: one series with its samples (tools and tests; the gateway writes version 2). */
    public static byte[] encode(Labels labels, long[] timestamps, double[] values, int count) {
        byte[] name = labels.metricName().getBytes(StandardCharsets.UTF_8);
        ByteSink w = new ByteSink(32 + name.length + labels.size() * 32 + count * 12);
        w.writeByte(VERSION_1);
        w.writeLong(labels.seriesId());
        w.writeBytes(name, 0, name.length);
        w.writeVarint(labels.size());
        for (int i = 0; i < labels.size(); i++) {
            byte[] k = labels.key(i).getBytes(StandardCharsets.UTF_8);
            byte[] v = labels.value(i).getBytes(StandardCharsets.UTF_8);
            w.writeBytes(k, 0, k.length);
            w.writeBytes(v, 0, v.length);
        }
        w.writeVarint(count);
        long previous = 0;
        for (int i = 0; i < count; i++) {
            previous = w.writeTimestamp(timestamps[i], previous);
            w.writeLong(Double.doubleToRawLongBits(values[i]));
        }
        return Arrays.copyOf(w.buffer(), w.size());
    }

    /** Decodes a record value of either version into its series. */
    public static List<SeriesBatch> decode(byte[] data) {
        RecordReader r = new RecordReader(data);
        int version = r.readByte();
        List<SeriesBatch> out;
        if (version == VERSION_1) {
            long seriesId = r.readLong();
            out = List.of(series(r, seriesId, false, false));
        } else if (version == VERSION_2) {
            int seriesCount = r.readFixedCount(MAX_SERIES, "series count");
            r.needAtLeast((long) seriesCount * MIN_SERIES_BYTES, "series");
            out = new ArrayList<>(seriesCount);
            for (int i = 0; i < seriesCount; i++) {
                int flags = r.readByte();
                if ((flags & ~FLAG_DELTA) != 0) {
                    throw new IllegalArgumentException("unknown series flags " + flags + " at byte " + (r.position() - 1));
                }
                out.add(series(r, r.readLong(), (flags & FLAG_DELTA) != 0, true));
            }
        } else {
            throw new IllegalArgumentException("unknown sample batch format version " + version);
        }
        if (r.remaining() != 0) {
            throw new IllegalArgumentException("sample batch has " + r.remaining() + " trailing bytes");
        }
        return out;
    }

    /** Name, labels and samples of one series; the sample count is a varint (v1) or an int32 (v2). */
    private static SeriesBatch series(RecordReader r, long seriesId, boolean delta, boolean fixedCount) {
        String name = r.readString();
        int labelCount = r.readCount(MAX_LABELS, "label count");
        r.needAtLeast(labelCount * 2L, "labels");
        String[] keys = new String[labelCount];
        String[] vals = new String[labelCount];
        for (int i = 0; i < labelCount; i++) {
            keys[i] = r.readString();
            vals[i] = r.readString();
        }
        int count = fixedCount ? r.readFixedCount(MAX_SAMPLES, "sample count") : r.readCount(MAX_SAMPLES, "sample count");
        r.needAtLeast((long) count * 9, "samples");
        long[] ts = new long[count];
        double[] vs = new double[count];
        long previous = 0;
        for (int i = 0; i < count; i++) {
            long zz = r.readVarint();
            previous += zz >>> 1 ^ -(zz & 1);
            ts[i] = previous;
            vs[i] = Double.longBitsToDouble(r.readLong());
        }
        Labels labels = Labels.ofSorted(name, keys, vals);
        if (labels.seriesId() != seriesId) {
            throw new IllegalArgumentException("series id " + Long.toUnsignedString(seriesId, 16)
                    + " does not match the hash of " + labels);
        }
        return new SeriesBatch(seriesId, labels, ts, vs, count, delta);
    }
}

package io.vigil.kafka;

import io.vigil.model.Labels;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Binary encoding of a {@code vigil.samples} record value: one series and a batch of its samples.
 *
 * <pre>
 * byte     format version (1)
 * int64    series id (big-endian), repeated from the key so a value is self-describing
 * varint   length, then UTF-8 metric name
 * varint   label count, then for each label: varint length + UTF-8 key, varint length + UTF-8 value
 *          (sorted by key, as {@link Labels} keeps them)
 * varint   sample count
 * per sample: zig-zag varint timestamp in ms (the first absolute, then the delta to the previous one),
 *             int64 IEEE-754 bits of the value (big-endian; NaN payloads such as staleness markers survive)
 * </pre>
 *
 * <p>The labels travel with every record so that the writer can maintain the series catalogue
 * without a lookup. Decoding refuses truncated, oversized or trailing input with an
 * {@link IllegalArgumentException} naming what is wrong.
 */
public final class SampleBatchCodec {
    public static final byte VERSION = 1;
    private static final int MAX_STRING_BYTES = 1 << 16;
    private static final int MAX_LABELS = 1024;
    private static final int MAX_SAMPLES = 1 << 22;

    private SampleBatchCodec() {
    }

    /** The record key for a series: its id as 8 big-endian bytes. */
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

    public static byte[] encode(Labels labels, long[] timestamps, double[] values, int count) {
        byte[] name = labels.metricName().getBytes(StandardCharsets.UTF_8);
        Writer w = new Writer(32 + name.length + labels.size() * 32 + count * 12);
        w.writeByte(VERSION);
        w.writeLong(labels.seriesId());
        w.writeBytes(name);
        w.writeVarint(labels.size());
        for (int i = 0; i < labels.size(); i++) {
            w.writeBytes(labels.key(i).getBytes(StandardCharsets.UTF_8));
            w.writeBytes(labels.value(i).getBytes(StandardCharsets.UTF_8));
        }
        w.writeVarint(count);
        long previous = 0;
        for (int i = 0; i < count; i++) {
            long delta = timestamps[i] - previous;
            w.writeVarint(delta << 1 ^ delta >> 63);
            previous = timestamps[i];
            w.writeLong(Double.doubleToRawLongBits(values[i]));
        }
        return w.toByteArray();
    }

    public static SeriesBatch decode(byte[] data) {
        Reader r = new Reader(data);
        int version = r.readByte();
        if (version != VERSION) {
            throw new IllegalArgumentException("unknown sample batch format version " + version);
        }
        long seriesId = r.readLong();
        String name = r.readString();
        int labelCount = r.readCount(MAX_LABELS, "label count");
        r.needAtLeast(labelCount * 2L, "labels");
        String[] keys = new String[labelCount];
        String[] vals = new String[labelCount];
        for (int i = 0; i < labelCount; i++) {
            keys[i] = r.readString();
            vals[i] = r.readString();
        }
        int count = r.readCount(MAX_SAMPLES, "sample count");
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
        if (r.pos != data.length) {
            throw new IllegalArgumentException("sample batch has " + (data.length - r.pos) + " trailing bytes");
        }
        Labels labels = Labels.ofSorted(name, keys, vals);
        if (labels.seriesId() != seriesId) {
            throw new IllegalArgumentException("series id " + Long.toUnsignedString(seriesId, 16)
                    + " does not match the hash of " + labels);
        }
        return new SeriesBatch(seriesId, labels, ts, vs, count);
    }

    private static final class Writer {
        private byte[] buf;
        private int pos;

        Writer(int capacity) {
            buf = new byte[Math.max(16, capacity)];
        }

        void ensure(int n) {
            if (pos + n > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + n));
            }
        }

        void writeByte(int b) {
            ensure(1);
            buf[pos++] = (byte) b;
        }

        void writeLong(long v) {
            ensure(8);
            for (int i = 56; i >= 0; i -= 8) {
                buf[pos++] = (byte) (v >>> i);
            }
        }

        void writeVarint(long v) {
            ensure(10);
            while ((v & ~0x7FL) != 0) {
                buf[pos++] = (byte) (v & 0x7F | 0x80);
                v >>>= 7;
            }
            buf[pos++] = (byte) v;
        }

        void writeBytes(byte[] b) {
            writeVarint(b.length);
            ensure(b.length);
            System.arraycopy(b, 0, buf, pos, b.length);
            pos += b.length;
        }

        byte[] toByteArray() {
            return Arrays.copyOf(buf, pos);
        }
    }

    private static final class Reader {
        private final byte[] buf;
        private int pos;

        Reader(byte[] buf) {
            if (buf == null) {
                throw new IllegalArgumentException("sample batch is null");
            }
            this.buf = buf;
        }

        private void need(int n) {
            if (pos + n > buf.length) {
                throw new IllegalArgumentException("sample batch truncated at byte " + pos);
            }
        }

        /** Refuses counts that the remaining bytes cannot hold, before allocating for them. */
        void needAtLeast(long bytes, String what) {
            if (bytes > buf.length - pos) {
                throw new IllegalArgumentException("sample batch truncated: " + what + " need at least " + bytes
                        + " bytes, " + (buf.length - pos) + " left");
            }
        }

        int readByte() {
            need(1);
            return buf[pos++];
        }

        long readLong() {
            need(8);
            long v = 0;
            for (int i = 0; i < 8; i++) {
                v = v << 8 | (buf[pos++] & 0xFF);
            }
            return v;
        }

        long readVarint() {
            long v = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                need(1);
                byte b = buf[pos++];
                v |= (long) (b & 0x7F) << shift;
                if (b >= 0) {
                    return v;
                }
            }
            throw new IllegalArgumentException("varint longer than 10 bytes at byte " + pos);
        }

        int readCount(int max, String what) {
            long n = readVarint();
            if (n < 0 || n > max) {
                throw new IllegalArgumentException(what + " " + n + " out of range (max " + max + ")");
            }
            return (int) n;
        }

        String readString() {
            int len = readCount(MAX_STRING_BYTES, "string length");
            need(len);
            String s = new String(buf, pos, len, StandardCharsets.UTF_8);
            pos += len;
            return s;
        }
    }
}

package io.vigil.kafka;

import java.util.Arrays;

/** A growable big-endian byte buffer for record values; reused across records by its owner. */
final class ByteSink {
    private byte[] buf;
    private int pos;

    ByteSink(int capacity) {
        buf = new byte[Math.max(16, capacity)];
    }

    byte[] buffer() {
        return buf;
    }

    int size() {
        return pos;
    }

    int capacity() {
        return buf.length;
    }

    void clear() {
        pos = 0;
    }

    /** Drops everything written after {@code size}. */
    void truncate(int size) {
        pos = size;
    }

    void ensure(int n) {
        if (n > buf.length - pos) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + n));
        }
    }

    void writeByte(int b) {
        ensure(1);
        buf[pos++] = (byte) b;
    }

    void writeInt(int v) {
        ensure(4);
        putInt(pos, v);
        pos += 4;
    }

    /** Overwrites 4 bytes written earlier (counts known only at the end). */
    void putInt(int at, int v) {
        buf[at] = (byte) (v >>> 24);
        buf[at + 1] = (byte) (v >>> 16);
        buf[at + 2] = (byte) (v >>> 8);
        buf[at + 3] = (byte) v;
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

    /** Length-prefixed bytes. */
    void writeBytes(byte[] src, int offset, int length) {
        writeVarint(length);
        ensure(length);
        System.arraycopy(src, offset, buf, pos, length);
        pos += length;
    }

    /** A timestamp as the zig-zag varint delta to the previous one; returns it as the next previous. */
    long writeTimestamp(long timestamp, long previous) {
        long delta = timestamp - previous;
        writeVarint(delta << 1 ^ delta >> 63);
        return timestamp;
    }
}

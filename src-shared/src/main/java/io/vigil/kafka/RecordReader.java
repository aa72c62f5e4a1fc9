package io.vigil.kafka;

import java.nio.charset.StandardCharsets;

/**
 * Bounds-checked reading of a record value: every failure is an {@link IllegalArgumentException}
 * naming the byte position, and counts are checked against the bytes left before anything is
 * allocated for them.
 */
final class RecordReader {
    private static final int MAX_STRING_BYTES = 1 << 16;

    private final byte[] buf;
    private int pos;

    RecordReader(byte[] buf) {
        if (buf == null) {
            throw new IllegalArgumentException("sample batch is null");
        }
        this.buf = buf;
    }

    int position() {
        return pos;
    }

    int remaining() {
        return buf.length - pos;
    }

    private void need(int n) {
        if (n > buf.length - pos) {
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

    int readInt() {
        need(4);
        int v = 0;
        for (int i = 0; i < 4; i++) {
            v = v << 8 | (buf[pos++] & 0xFF);
        }
        return v;
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
        return checkCount(n, max, what);
    }

    /** A fixed-width (int32) count, as version 2 writes them. */
    int readFixedCount(int max, String what) {
        return checkCount(readInt() & 0xFFFFFFFFL, max, what);
    }

    private static int checkCount(long n, int max, String what) {
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

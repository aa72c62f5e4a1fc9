package io.vigil.wire.otlp;

import io.vigil.wire.WireFormatException;

/**
 * Reads the protobuf wire format from a byte range without allocating: {@link #next()} moves to the
 * next field, the {@code read*} methods take its value. A message is a range of the body, so nested
 * messages are read by opening another cursor on the range {@link #readRange()} reported, and a
 * message can be walked several times (fields may come in any order).
 *
 * <p>Every read is bounds-checked against the range; truncated or inconsistent input throws
 * {@link WireFormatException} naming the byte offset in the body.
 */
final class ProtoCursor {
    static final int VARINT = 0;
    static final int I64 = 1;
    static final int LEN = 2;
    static final int I32 = 5;

    private byte[] buf;
    private int pos;
    private int end;
    private int tag;
    private int rangeStart;
    private int rangeEnd;

    /** Positions the cursor at the start of [start, end) of buf. */
    ProtoCursor open(byte[] buf, int start, int end) {
        this.buf = buf;
        this.pos = start;
        this.end = end;
        return this;
    }

    /** Moves to the next field; false at the end of the range. */
    boolean next() {
        if (pos >= end) {
            return false;
        }
        int at = pos;
        long t = readVarint();
        if (t >>> 3 == 0 || t > Integer.MAX_VALUE) {
            throw new WireFormatException("protobuf: invalid field tag " + t + " at byte " + at);
        }
        tag = (int) t;
        int type = tag & 7;
        if (type != VARINT && type != I64 && type != LEN && type != I32) {
            throw new WireFormatException("protobuf: unsupported wire type " + type + " at byte " + at);
        }
        return true;
    }

    int field() {
        return tag >>> 3;
    }

    int wireType() {
        return tag & 7;
    }

    long readVarint() {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (pos >= end) {
                throw truncated();
            }
            byte b = buf[pos++];
            v |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return v;
            }
        }
        throw new WireFormatException("protobuf: varint longer than 10 bytes at byte " + pos);
    }

    long readFixed64() {
        if (end - pos < 8) {
            throw truncated();
        }
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = v << 8 | (buf[pos + i] & 0xFF);
        }
        pos += 8;
        return v;
    }

    double readDouble() {
        return Double.longBitsToDouble(readFixed64());
    }

    /** Reads a length-delimited value; its bytes are then [{@link #start()}, {@link #end()}). */
    void readRange() {
        long length = readVarint();
        if (length < 0 || length > end - pos) {
            throw truncated();
        }
        rangeStart = pos;
        rangeEnd = pos + (int) length;
        pos = rangeEnd;
    }

    int start() {
        return rangeStart;
    }

    int end() {
        return rangeEnd;
    }

    byte[] buffer() {
        return buf;
    }

    /** Skips the current field's value, whatever its type. */
    void skip() {
        switch (wireType()) {
            case VARINT -> readVarint();
            case I64 -> skipBytes(8);
            case LEN -> readRange();
            default -> skipBytes(4);
        }
    }

    /** Fails unless the current field has the given wire type (a sender using the wrong schema). */
    void expect(int wireType, String what) {
        if (wireType() != wireType) {
            throw new WireFormatException("protobuf: " + what + " has wire type " + wireType() + ", expected "
                    + wireType + " (byte " + pos + ")");
        }
    }

    private void skipBytes(int n) {
        if (end - pos < n) {
            throw truncated();
        }
        pos += n;
    }

    private WireFormatException truncated() {
        return new WireFormatException("protobuf: message truncated at byte " + pos);
    }
}

package io.vigil.wire.remotewrite;

import io.vigil.wire.WireFormatException;

/**
 * A cursor over protobuf wire format in a byte array, for hand-written decoders that allocate
 * nothing: fields are read in place, nested messages by narrowing the limit. Every read is bounded
 * by the current limit; anything malformed (a varint over 10 bytes, a length past the end, a group
 * or unknown wire type, field number 0) throws a {@link WireFormatException} with the byte offset.
 */
final class ProtoReader {
    static final int VARINT = 0;
    static final int FIXED64 = 1;
    static final int LEN = 2;
    static final int FIXED32 = 5;

    byte[] buf;
    int pos;
    int limit;

    void reset(byte[] data, int offset, int length) {
        buf = data;
        pos = offset;
        limit = offset + length;
    }

    boolean hasMore() {
        return pos < limit;
    }

    /** The next field's tag (field number << 3 | wire type). */
    int readTag() {
        long tag = readVarint();
        if (tag >>> 3 == 0 || tag > Integer.MAX_VALUE) {
            throw malformed("invalid field tag " + tag);
        }
        return (int) tag;
    }

    long readVarint() {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (pos >= limit) {
                throw malformed("truncated varint");
            }
            byte b = buf[pos++];
            v |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return v;
            }
        }
        throw malformed("varint longer than 10 bytes");
    }

    long readFixed64() {
        if (limit - pos < 8) {
            throw malformed("truncated fixed64");
        }
        int p = pos;
        pos += 8;
        return (buf[p] & 0xFFL) | (buf[p + 1] & 0xFFL) << 8 | (buf[p + 2] & 0xFFL) << 16 | (buf[p + 3] & 0xFFL) << 24
                | (buf[p + 4] & 0xFFL) << 32 | (buf[p + 5] & 0xFFL) << 40 | (buf[p + 6] & 0xFFL) << 48
                | (buf[p + 7] & 0xFFL) << 56;
    }

    /** Reads a length prefix and returns the end of the delimited field; pos is then at its start. */
    int readLengthDelimitedEnd() {
        long len = readVarint();
        if (len < 0 || len > limit - pos) {
            throw malformed("length " + len + " runs past the end of its message");
        }
        return pos + (int) len;
    }

    /** Skips the value of a field of the given wire type. */
    void skip(int wireType) {
        switch (wireType) {
            case VARINT -> readVarint();
            case FIXED64 -> advance(8);
            case LEN -> pos = readLengthDelimitedEnd();
            case FIXED32 -> advance(4);
            default -> throw malformed("unsupported wire type " + wireType);
        }
    }

    private void advance(int n) {
        if (limit - pos < n) {
            throw malformed("truncated field");
        }
        pos += n;
    }

    WireFormatException malformed(String what) {
        return new WireFormatException("malformed protobuf at byte " + pos + ": " + what);
    }
}

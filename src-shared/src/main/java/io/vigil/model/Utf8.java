package io.vigil.model;

/**
 * UTF-8 well-formedness on byte ranges (RFC 3629: shortest form, no surrogates, at most U+10FFFF),
 * checked without decoding: label values arrive as bytes and must decode back to the same bytes.
 */
final class Utf8 {
    private Utf8() {
    }

    static boolean isWellFormed(byte[] b, int offset, int length) {
        int end = offset + length;
        int i = offset;
        while (i < end) {
            if (b[i] >= 0) {
                i++;
            } else {
                int n = sequenceLength(b, i, end);
                if (n < 0) {
                    return false;
                }
                i += n;
            }
        }
        return true;
    }

    /** Length of the multi-byte sequence starting at {@code i}, or -1 when it is malformed or cut. */
    static int sequenceLength(byte[] b, int i, int end) {
        int c = b[i] & 0xFF;
        if (c >= 0xC2 && c <= 0xDF) {
            return i + 1 < end && isContinuation(b[i + 1]) ? 2 : -1;
        }
        if (c >= 0xE0 && c <= 0xEF) {
            if (i + 2 >= end || !isContinuation(b[i + 1]) || !isContinuation(b[i + 2])) {
                return -1;
            }
            int c1 = b[i + 1] & 0xFF;
            boolean overlong = c == 0xE0 && c1 < 0xA0;
            boolean surrogate = c == 0xED && c1 >= 0xA0;
            return overlong || surrogate ? -1 : 3;
        }
        if (c >= 0xF0 && c <= 0xF4) {
            if (i + 3 >= end || !isContinuation(b[i + 1]) || !isContinuation(b[i + 2]) || !isContinuation(b[i + 3])) {
                return -1;
            }
            int c1 = b[i + 1] & 0xFF;
            boolean overlong = c == 0xF0 && c1 < 0x90;
            boolean tooLarge = c == 0xF4 && c1 >= 0x90;
            return overlong || tooLarge ? -1 : 4;
        }
        return -1;
    }

    private static boolean isContinuation(byte b) {
        return (b & 0xC0) == 0x80;
    }
}

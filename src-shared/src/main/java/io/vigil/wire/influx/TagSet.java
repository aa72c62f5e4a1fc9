package io.vigil.wire.influx;

import io.vigil.wire.LabelBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The tag set of the current line, unescaped once (keys also sanitized, see {@link Names}) and kept
 * back to back, so that each field of the line copies it into the series' labels without parsing it
 * again.
 */
final class TagSet {
    private byte[] bytes = new byte[256];
    private int length;
    private final int[] keyStart = new int[LineReader.MAX_TAGS];
    private final int[] valueStart = new int[LineReader.MAX_TAGS];
    private final int[] end = new int[LineReader.MAX_TAGS];
    private int count;
    /** Why the last {@link #read} failed. */
    String error;

    void clear() {
        length = 0;
        count = 0;
    }

    /**
     * Reads {@code key=value[,key=value...]} from {@code b[from, to)} up to the space before the field
     * set. Returns the index of that space (or {@code to}), or -1 with {@link #error} set.
     */
    int read(byte[] b, int from, int to) {
        int i = from;
        while (true) {
            if (count == LineReader.MAX_TAGS) {
                return fail("more than " + LineReader.MAX_TAGS + " tags");
            }
            int rawKey = i;
            keyStart[count] = length;
            while (i < to && b[i] != '=' && b[i] != ',' && b[i] != ' ') {
                byte c = b[i];
                if (c == '\\' && i + 1 < to && Names.escapable(b[i + 1])) {
                    c = b[++i];
                }
                i++;
                byte s = Names.labelByte(c);
                if (s >= '0' && s <= '9' && length == keyStart[count]) {
                    put((byte) '_'); // a label name cannot start with a digit
                }
                if (s != 0) {
                    put(s);
                }
                if (length > LineReader.MAX_TAG_SET_BYTES) {
                    return tooLong();
                }
            }
            if (i == rawKey) {
                return fail(i < to && b[i] == '=' ? "empty tag key" : "empty tag (a comma too many in the tag set?)");
            }
            if (length == keyStart[count]) {
                put((byte) '_'); // only stray UTF-8 continuation bytes: still a key
            }
            if (i == to || b[i] != '=') {
                return fail("tag \"" + text(b, rawKey, i) + "\" has no '=value'");
            }
            i++;
            valueStart[count] = length;
            int rawValue = i;
            while (i < to && b[i] != ',' && b[i] != ' ') {
                byte c = b[i];
                if (c == '=') {
                    return fail("tag \"" + text(b, rawKey, rawValue - 1) + "\" has an unescaped '=' in its value (write \\=)");
                }
                if (c == '\\' && i + 1 < to && Names.escapable(b[i + 1])) {
                    c = b[++i];
                }
                i++;
                put(c);
                if (length > LineReader.MAX_TAG_SET_BYTES) {
                    return tooLong();
                }
            }
            if (i == rawValue) {
                return fail("tag \"" + text(b, rawKey, rawValue - 1) + "\" has an empty value (omit the tag instead)");
            }
            end[count] = length;
            count++;
            int duplicate = duplicateOfLast();
            if (duplicate >= 0) {
                return fail("tag \"" + new String(bytes, keyStart[duplicate], valueStart[duplicate] - keyStart[duplicate],
                        StandardCharsets.UTF_8) + "\" appears twice");
            }
            if (i == to || b[i] == ' ') {
                return i;
            }
            i++; // the comma before the next tag
        }
    }

    /** Appends every tag to {@code labels} as a label (key and value copied in one piece each). */
    void copyTo(LabelBuffer labels) {
        for (int t = 0; t < count; t++) {
            int base = labels.position() - keyStart[t];
            labels.append(bytes, keyStart[t], end[t] - keyStart[t]);
            labels.labelFrom(base + keyStart[t], base + valueStart[t]);
        }
    }

    /** Index of an earlier tag with the same (sanitized) key as the last one, or -1. */
    private int duplicateOfLast() {
        int last = count - 1;
        for (int t = 0; t < last; t++) {
            if (Arrays.equals(bytes, keyStart[t], valueStart[t], bytes, keyStart[last], valueStart[last])) {
                return t;
            }
        }
        return -1;
    }

    private void put(byte c) {
        if (length == bytes.length) {
            bytes = Arrays.copyOf(bytes, length * 2);
        }
        bytes[length++] = c;
    }

    private static String text(byte[] b, int from, int to) {
        int n = Math.min(to - from, 64);
        return new String(b, from, n, StandardCharsets.UTF_8) + (to - from > n ? "..." : "");
    }

    private int tooLong() {
        return fail("tag set is longer than " + LineReader.MAX_TAG_SET_BYTES + " bytes");
    }

    private int fail(String reason) {
        error = reason;
        return -1;
    }
}

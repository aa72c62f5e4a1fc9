package io.vigil.wire;

import io.vigil.model.Labels;
import io.vigil.model.XxHash64;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A reusable, growable buffer holding one series' metric name and labels as UTF-8 bytes, so parsers
 * can describe a series without creating Strings or maps. Parsers either copy ranges in ({@link
 * #addLabel(byte[], int, int, byte[], int, int)}) or write bytes themselves (unescaping as they go)
 * with {@link #append} and then mark what they wrote with {@link #nameFrom} / {@link #labelFrom}.
 *
 * <p>{@link #seriesId()} sorts the labels and hashes the same canonical form as {@link Labels}
 * (name 0xFF key 0xFF value …), so both give the same id for the same series. Label names are ASCII
 * (see SeriesRules), so byte order equals the String order Labels sorts by.
 */
public final class LabelBuffer {
    private static final byte SEPARATOR = (byte) 0xFF;

    private byte[] bytes = new byte[512];
    private int used;
    private int nameOffset = -1;
    private int nameLength;
    private int[] keyOffset = new int[16];
    private int[] keyLength = new int[16];
    private int[] valueOffset = new int[16];
    private int[] valueLength = new int[16];
    private int count;
    private byte[] canonical = new byte[512];
    private int canonicalLength;

    /** Forgets the previous series; keeps the memory. */
    public void reset() {
        used = 0;
        nameOffset = -1;
        nameLength = 0;
        count = 0;
    }

    /** Bytes written so far; the start mark for {@link #nameFrom} and {@link #labelFrom}. */
    public int position() {
        return used;
    }

    public void append(byte b) {
        ensure(1);
        bytes[used++] = b;
    }

    public void append(byte[] src, int offset, int length) {
        ensure(length);
        System.arraycopy(src, offset, bytes, used, length);
        used += length;
    }

    /** Appends a char sequence as UTF-8 (unpaired surrogates become '?', as String.getBytes does). */
    public void appendUtf8(CharSequence s) {
        int n = s.length();
        ensure(n * 3);
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                bytes[used++] = (byte) c;
            } else if (c < 0x800) {
                bytes[used++] = (byte) (0xC0 | c >> 6);
                bytes[used++] = (byte) (0x80 | c & 0x3F);
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                ensure(1);
                bytes[used++] = (byte) (0xF0 | cp >> 18);
                bytes[used++] = (byte) (0x80 | cp >> 12 & 0x3F);
                bytes[used++] = (byte) (0x80 | cp >> 6 & 0x3F);
                bytes[used++] = (byte) (0x80 | cp & 0x3F);
            } else if (Character.isSurrogate(c)) {
                bytes[used++] = '?';
            } else {
                bytes[used++] = (byte) (0xE0 | c >> 12);
                bytes[used++] = (byte) (0x80 | c >> 6 & 0x3F);
                bytes[used++] = (byte) (0x80 | c & 0x3F);
            }
        }
    }

    /** The bytes from {@code start} to the current position are the metric name. */
    public void nameFrom(int start) {
        nameOffset = start;
        nameLength = used - start;
    }

    /** Key = bytes [keyStart, valueStart), value = bytes [valueStart, position). */
    public void labelFrom(int keyStart, int valueStart) {
        if (count == keyOffset.length) {
            int n = count * 2;
            keyOffset = Arrays.copyOf(keyOffset, n);
            keyLength = Arrays.copyOf(keyLength, n);
            valueOffset = Arrays.copyOf(valueOffset, n);
            valueLength = Arrays.copyOf(valueLength, n);
        }
        keyOffset[count] = keyStart;
        keyLength[count] = valueStart - keyStart;
        valueOffset[count] = valueStart;
        valueLength[count] = used - valueStart;
        count++;
    }

    public void setName(byte[] src, int offset, int length) {
        int start = used;
        append(src, offset, length);
        nameFrom(start);
    }

    public void setName(CharSequence name) {
        int start = used;
        appendUtf8(name);
        nameFrom(start);
    }

    public void addLabel(byte[] key, int keyOff, int keyLen, byte[] value, int valueOff, int valueLen) {
        int k = used;
        append(key, keyOff, keyLen);
        int v = used;
        append(value, valueOff, valueLen);
        labelFrom(k, v);
    }

    public void addLabel(CharSequence key, CharSequence value) {
        int k = used;
        appendUtf8(key);
        int v = used;
        appendUtf8(value);
        labelFrom(k, v);
    }

    public boolean hasName() {
        return nameOffset >= 0;
    }

    /** The backing array; ranges below index into it. Valid until the next write. */
    public byte[] bytes() {
        return bytes;
    }

    public int nameOffset() {
        return nameOffset;
    }

    public int nameLength() {
        return nameLength;
    }

    public int labelCount() {
        return count;
    }

    public int keyOffset(int i) {
        return keyOffset[i];
    }

    public int keyLength(int i) {
        return keyLength[i];
    }

    public int valueOffset(int i) {
        return valueOffset[i];
    }

    public int valueLength(int i) {
        return valueLength[i];
    }

    /** True when label i's key equals the given ASCII key. */
    public boolean keyEquals(int i, String asciiKey) {
        if (keyLength[i] != asciiKey.length()) {
            return false;
        }
        int o = keyOffset[i];
        for (int j = 0; j < keyLength[i]; j++) {
            if (bytes[o + j] != (byte) asciiKey.charAt(j)) {
                return false;
            }
        }
        return true;
    }

    /** Removes label i (order of the others is kept). */
    public void removeLabel(int i) {
        int tail = count - i - 1;
        System.arraycopy(keyOffset, i + 1, keyOffset, i, tail);
        System.arraycopy(keyLength, i + 1, keyLength, i, tail);
        System.arraycopy(valueOffset, i + 1, valueOffset, i, tail);
        System.arraycopy(valueLength, i + 1, valueLength, i, tail);
        count--;
    }

    /**
     * Sorts the labels by key. Returns the index (after sorting) of the first key that repeats the one
     * before it, or -1 when all keys are distinct. Insertion sort: series have few labels.
     */
    public int sort() {
        for (int i = 1; i < count; i++) {
            int j = i;
            while (j > 0 && compareKeys(j - 1, j) > 0) {
                swap(j - 1, j);
                j--;
            }
        }
        for (int i = 1; i < count; i++) {
            if (compareKeys(i - 1, i) == 0) {
                return i;
            }
        }
        return -1;
    }

    /** The series id of the (sorted) labels: the same value {@link Labels#seriesId()} gives. */
    public long seriesId() {
        buildCanonical();
        return XxHash64.hash(canonical, 0, canonicalLength);
    }

    /** The canonical bytes built by the last {@link #seriesId()} call. */
    public byte[] canonical() {
        return canonical;
    }

    public int canonicalLength() {
        return canonicalLength;
    }

    /** Materializes the series as {@link Labels} (allocates; for new series, not for every sample). */
    public Labels toLabels() {
        String[] keys = new String[count];
        String[] values = new String[count];
        for (int i = 0; i < count; i++) {
            keys[i] = new String(bytes, keyOffset[i], keyLength[i], StandardCharsets.UTF_8);
            values[i] = new String(bytes, valueOffset[i], valueLength[i], StandardCharsets.UTF_8);
        }
        String name = nameOffset < 0 ? "" : new String(bytes, nameOffset, nameLength, StandardCharsets.UTF_8);
        return Labels.ofSorted(name, keys, values);
    }

    /** The metric name as a String (allocates; for error messages). */
    public String name() {
        return nameOffset < 0 ? "" : new String(bytes, nameOffset, nameLength, StandardCharsets.UTF_8);
    }

    private void buildCanonical() {
        int size = Math.max(nameLength, 0) + count * 2;
        for (int i = 0; i < count; i++) {
            size += keyLength[i] + valueLength[i];
        }
        if (canonical.length < size) {
            canonical = new byte[Math.max(size, canonical.length * 2)];
        }
        int p = 0;
        if (nameOffset >= 0) {
            System.arraycopy(bytes, nameOffset, canonical, 0, nameLength);
            p = nameLength;
        }
        for (int i = 0; i < count; i++) {
            canonical[p++] = SEPARATOR;
            System.arraycopy(bytes, keyOffset[i], canonical, p, keyLength[i]);
            p += keyLength[i];
            canonical[p++] = SEPARATOR;
            System.arraycopy(bytes, valueOffset[i], canonical, p, valueLength[i]);
            p += valueLength[i];
        }
        canonicalLength = p;
    }

    private int compareKeys(int a, int b) {
        return Arrays.compareUnsigned(bytes, keyOffset[a], keyOffset[a] + keyLength[a], bytes, keyOffset[b],
                keyOffset[b] + keyLength[b]);
    }

    private void swap(int a, int b) {
        int t = keyOffset[a];
        keyOffset[a] = keyOffset[b];
        keyOffset[b] = t;
        t = keyLength[a];
        keyLength[a] = keyLength[b];
        keyLength[b] = t;
        t = valueOffset[a];
        valueOffset[a] = valueOffset[b];
        valueOffset[b] = t;
        t = valueLength[a];
        valueLength[a] = valueLength[b];
        valueLength[b] = t;
    }

    private void ensure(int extra) {
        if (used + extra > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, used + extra));
        }
    }
}

package io.vigil.wire.exposition;

import io.vigil.model.XxHash64;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The metric family the parser is in (name, TYPE, HELP, UNIT, whether it had samples) and the names of
 * the families it has passed, so that a second TYPE line or (in OpenMetrics) an interleaved family is
 * caught. Passed names are kept as 64-bit hashes in an open-addressing set: nothing is allocated per
 * family once the arrays have grown.
 */
final class FamilyState {
    private byte[] name = new byte[128];
    private int nameLength = -1;
    MetricType type = MetricType.UNKNOWN;
    boolean typed;
    boolean hasSamples;
    boolean reported;
    private byte[] help = new byte[256];
    private int helpLength = -1;
    private byte[] unit = new byte[32];
    private int unitLength = -1;
    private long[] seen = new long[64];
    private boolean seenZero;
    private int seenCount;

    void clear() {
        nameLength = -1;
        Arrays.fill(seen, 0);
        seenZero = false;
        seenCount = 0;
    }

    /** Enters a new family; returns false when a family of that name was already passed. */
    boolean start(byte[] b, int off, int len) {
        if (name.length < len) {
            name = new byte[Math.max(len, name.length * 2)];
        }
        System.arraycopy(b, off, name, 0, len);
        nameLength = len;
        type = MetricType.UNKNOWN;
        typed = false;
        hasSamples = false;
        reported = false;
        helpLength = -1;
        unitLength = -1;
        return remember(XxHash64.hash(b, off, len));
    }

    boolean is(byte[] b, int off, int len) {
        return nameLength == len && Arrays.equals(name, 0, len, b, off, off + len);
    }

    /** The suffix (of the family's type) with which the sample name extends the family name, or null. */
    String suffixOf(byte[] b, int off, int len, ExpositionFormat format) {
        if (nameLength < 0 || len < nameLength || !Arrays.equals(name, 0, nameLength, b, off, off + nameLength)) {
            return null;
        }
        for (String suffix : type.suffixes(format)) {
            if (len - nameLength == suffix.length() && endsWith(b, off + nameLength, suffix)) {
                return suffix;
            }
        }
        return null;
    }

    private static boolean endsWith(byte[] b, int from, String suffix) {
        for (int i = 0; i < suffix.length(); i++) {
            if (b[from + i] != suffix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    boolean hasHelp() {
        return helpLength >= 0;
    }

    boolean hasUnit() {
        return unitLength >= 0;
    }

    /** HELP text, already unescaped by the caller. */
    void help(byte[] b, int off, int len) {
        help = copy(help, b, off, len);
        helpLength = len;
    }

    void unit(byte[] b, int off, int len) {
        unit = copy(unit, b, off, len);
        unitLength = len;
    }

    /** True when the family name ends with "_" + unit, as OpenMetrics requires of a non-empty UNIT. */
    boolean nameEndsWithUnit() {
        if (unitLength == 0) {
            return true;
        }
        int start = nameLength - unitLength;
        return start > 0 && name[start - 1] == '_' && Arrays.equals(name, start, nameLength, unit, 0, unitLength);
    }

    String name() {
        return new String(name, 0, Math.max(nameLength, 0), StandardCharsets.UTF_8);
    }

    /** An empty HELP or UNIT counts as none (OpenMetrics: "as if no metadata line existed"). */
    String helpText() {
        return helpLength <= 0 ? null : new String(help, 0, helpLength, StandardCharsets.UTF_8);
    }

    String unitText() {
        return unitLength <= 0 ? null : new String(unit, 0, unitLength, StandardCharsets.UTF_8);
    }

    private static byte[] copy(byte[] into, byte[] b, int off, int len) {
        byte[] target = into.length < len ? new byte[Math.max(len, into.length * 2)] : into;
        System.arraycopy(b, off, target, 0, len);
        return target;
    }

    /** Adds a name hash; false when it was there already. Slot value 0 marks an empty slot. */
    private boolean remember(long hash) {
        if (hash == 0) {
            boolean fresh = !seenZero;
            seenZero = true;
            return fresh;
        }
        if (seenCount * 2 >= seen.length) {
            long[] old = seen;
            seen = new long[old.length * 2];
            seenCount = 0;
            for (long h : old) {
                if (h != 0) {
                    insert(h);
                }
            }
        }
        return insert(hash);
    }

    private boolean insert(long hash) {
        int mask = seen.length - 1;
        for (int i = (int) (hash ^ hash >>> 32) & mask; ; i = i + 1 & mask) {
            if (seen[i] == hash) {
                return false;
            }
            if (seen[i] == 0) {
                seen[i] = hash;
                seenCount++;
                return true;
            }
        }
    }
}

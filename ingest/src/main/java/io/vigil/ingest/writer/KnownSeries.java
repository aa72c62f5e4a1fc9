package io.vigil.ingest.writer;

/**
 * The series this writer has already put in the catalogue: id → fingerprint of the canonical labels
 * and when the catalogue row was last touched. Open addressing on primitive arrays, so ten million
 * series cost about 200 MB rather than the gigabytes of a boxed map.
 *
 * <p>The fingerprint (a second, independent hash) lets the writer notice a 64-bit id collision
 * between a known series and a new label set without keeping every label set in memory.
 */
final class KnownSeries {
    private static final long EMPTY = 0;
    private long[] ids;
    private long[] fingerprints;
    private long[] touched;
    private boolean hasZeroId;
    private long zeroFingerprint;
    private long zeroTouched;
    private int size;

    KnownSeries(int expected) {
        int capacity = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
        ids = new long[capacity];
        fingerprints = new long[capacity];
        touched = new long[capacity];
    }

    /** Index of the id, or -1; for id 0, -2 if present. */
    private int find(long id) {
        if (id == EMPTY) {
            return hasZeroId ? -2 : -1;
        }
        int mask = ids.length - 1;
        for (int i = mix(id) & mask; ; i = i + 1 & mask) {
            if (ids[i] == id) {
                return i;
            }
            if (ids[i] == EMPTY) {
                return -1;
            }
        }
    }

    boolean contains(long id) {
        return find(id) != -1;
    }

    /** The fingerprint stored for id; only meaningful if {@link #contains}. */
    long fingerprint(long id) {
        int i = find(id);
        return i == -2 ? zeroFingerprint : i >= 0 ? fingerprints[i] : 0;
    }

    long touchedAt(long id) {
        int i = find(id);
        return i == -2 ? zeroTouched : i >= 0 ? touched[i] : Long.MIN_VALUE;
    }

    void put(long id, long fingerprint, long touchedAt) {
        if (id == EMPTY) {
            if (!hasZeroId) {
                size++;
            }
            hasZeroId = true;
            zeroFingerprint = fingerprint;
            zeroTouched = touchedAt;
            return;
        }
        if ((size + 1) * 2 > ids.length) {
            grow();
        }
        int mask = ids.length - 1;
        int i = mix(id) & mask;
        while (ids[i] != EMPTY && ids[i] != id) {
            i = i + 1 & mask;
        }
        if (ids[i] == EMPTY) {
            size++;
        }
        ids[i] = id;
        fingerprints[i] = fingerprint;
        touched[i] = touchedAt;
    }

    int size() {
        return size;
    }

    private void grow() {
        long[] oldIds = ids;
        long[] oldFp = fingerprints;
        long[] oldTouched = touched;
        ids = new long[oldIds.length * 2];
        fingerprints = new long[oldIds.length * 2];
        touched = new long[oldIds.length * 2];
        int mask = ids.length - 1;
        for (int j = 0; j < oldIds.length; j++) {
            if (oldIds[j] != EMPTY) {
                int i = mix(oldIds[j]) & mask;
                while (ids[i] != EMPTY) {
                    i = i + 1 & mask;
                }
                ids[i] = oldIds[j];
                fingerprints[i] = oldFp[j];
                touched[i] = oldTouched[j];
            }
        }
    }

    private static int mix(long id) {
        long h = id * 0x9E3779B97F4A7C15L;
        return (int) (h ^ h >>> 32);
    }

    /** A second hash of the canonical form, independent of the series id. */
    static long fingerprint(byte[] canonical) {
        long h = 0xcbf29ce484222325L;
        for (byte b : canonical) {
            h ^= b & 0xFF;
            h *= 0x100000001b3L;
        }
        return h;
    }
}

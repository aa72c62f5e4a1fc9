package io.vigil.ingest.gateway;

import java.util.Arrays;

/**
 * A fixed-capacity set of longs (open addressing, linear probing) for ids that are already hashes:
 * no boxing and no allocation after construction. 0 is the empty slot, so id 0 is stored as 1 (two
 * ids sharing a slot only makes one of them look known a little early).
 */
final class LongHashSet {
    private final long[] slots;
    private final int mask;
    private final int maxSize;
    private int size;

    /** Holds up to {@code maxSize} ids at a load of at most one half. */
    LongHashSet(int maxSize) {
        int capacity = Integer.highestOneBit(Math.max(4, maxSize) * 2 - 1) << 1;
        this.slots = new long[capacity];
        this.mask = capacity - 1;
        this.maxSize = maxSize;
    }

    boolean contains(long id) {
        long key = id == 0 ? 1 : id;
        for (int i = index(key); ; i = i + 1 & mask) {
            long s = slots[i];
            if (s == key) {
                return true;
            }
            if (s == 0) {
                return false;
            }
        }
    }

    /** Adds the id; returns false when the set is full (the caller starts a new generation). */
    boolean add(long id) {
        long key = id == 0 ? 1 : id;
        for (int i = index(key); ; i = i + 1 & mask) {
            long s = slots[i];
            if (s == key) {
                return true;
            }
            if (s == 0) {
                if (size >= maxSize) {
                    return false;
                }
                slots[i] = key;
                size++;
                return true;
            }
        }
    }

    boolean isFull() {
        return size >= maxSize;
    }

    int size() {
        return size;
    }

    void clear() {
        Arrays.fill(slots, 0);
        size = 0;
    }

    private int index(long key) {
        return (int) (key ^ key >>> 29 ^ key >>> 47) & mask;
    }
}

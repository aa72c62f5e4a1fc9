package io.vigil.notify.pipeline;

import java.util.TreeSet;

/**
 * The offsets of one partition that were handed to receivers and are not finished. Receivers finish
 * out of order (a failing receiver holds its notifications while others deliver), so the offset that
 * may be committed is the lowest unfinished one: everything below it reached a final outcome.
 */
final class OffsetTracker {
    private final TreeSet<Long> pending = new TreeSet<>();
    private long next = -1;

    synchronized void started(long offset) {
        pending.add(offset);
        next = Math.max(next, offset + 1);
    }

    synchronized void finished(long offset) {
        pending.remove(offset);
    }

    /** The offset to commit (the next one to read after a restart), or -1 if nothing was seen. */
    synchronized long committable() {
        return pending.isEmpty() ? next : pending.first();
    }

    synchronized int inFlight() {
        return pending.size();
    }
}

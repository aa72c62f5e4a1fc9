package io.vigil.alerting.eval;

import io.vigil.model.XxHash64;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/**
 * Evaluation times as Prometheus aligns them: a group's slots are multiples of its interval shifted by
 * a stable offset, the hash of the group's key modulo the interval. Every replica computes the same
 * slot for the same moment, and groups with one interval do not all start at once.
 */
public final class GroupSlots {
    private GroupSlots() {
    }

    /** The group's offset within its interval, in milliseconds. */
    public static long offsetMillis(String groupKey, Duration interval) {
        byte[] key = groupKey.getBytes(StandardCharsets.UTF_8);
        return Long.remainderUnsigned(XxHash64.hash(key, 0, key.length), Math.max(1, interval.toMillis()));
    }

    /** The latest slot at or before {@code now}. */
    public static Instant slot(String groupKey, Duration interval, Instant now) {
        long step = Math.max(1, interval.toMillis());
        long offset = offsetMillis(groupKey, interval);
        long shifted = now.toEpochMilli() - offset;
        return Instant.ofEpochMilli(Math.floorDiv(shifted, step) * step + offset);
    }

    /** The first slot after {@code now}. */
    public static Instant next(String groupKey, Duration interval, Instant now) {
        return slot(groupKey, interval, now).plus(interval);
    }
}

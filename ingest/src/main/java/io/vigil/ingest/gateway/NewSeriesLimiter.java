package io.vigil.ingest.gateway;

import io.vigil.model.XxHash64;

/**
 * Limits how many new series each metric may gain per minute through this gateway replica, in
 * bounded memory and without allocating. "New" means not seen by this replica within the recent
 * window: the ids seen are kept in two generations of a primitive hash set (the current one, and the
 * previous one whose ids move to the current one when they are seen again); a generation ends after
 * the window or when it is full, so memory stays fixed and a series quiet for longer than the window
 * counts as new once more. After a restart every series counts as new, so the limit must leave room
 * for a replica's share of each metric's series in one minute (the default, 20,000, does).
 *
 * <p>Known series cost one striped lock and a probe; the metric name is hashed only for a new series.
 * Thread-safe: the sets are striped by series id, the per-metric counters by metric.
 */
final class NewSeriesLimiter {
    private static final int STRIPES = 16;
    /** Distinct metrics with new series in one minute per counter stripe; beyond that they are not limited. */
    private static final int METRICS_PER_STRIPE = 4096;

    private final int limitPerMinute;
    private final long windowMillis;
    private final SeenStripe[] seen = new SeenStripe[STRIPES];
    private final CounterStripe[] counters = new CounterStripe[STRIPES];

    NewSeriesLimiter(int limitPerMinute, int capacity, long windowMillis) {
        this.limitPerMinute = limitPerMinute;
        this.windowMillis = windowMillis;
        int perStripe = Math.max(1024, capacity / STRIPES);
        for (int i = 0; i < STRIPES; i++) {
            seen[i] = new SeenStripe(perStripe);
            counters[i] = new CounterStripe();
        }
    }

    /**
     * Whether the series may be stored: true when it is known or its metric is under its limit (it is
     * then remembered); false when it is new and its metric reached the limit this minute.
     */
    boolean admit(long seriesId, byte[] name, int nameOffset, int nameLength, long nowMillis) {
        if (limitPerMinute <= 0) {
            return true;
        }
        SeenStripe s = seen[(int) (seriesId >>> 60)];
        synchronized (s) {
            s.rotateIfDue(nowMillis, windowMillis);
            if (s.current.contains(seriesId)) {
                return true;
            }
            if (s.previous.contains(seriesId)) {
                s.remember(seriesId, nowMillis);
                return true;
            }
        }
        long metric = XxHash64.hash(name, nameOffset, nameLength);
        CounterStripe c = counters[(int) (metric >>> 60)];
        synchronized (c) {
            if (!c.tryCount(metric, nowMillis / 60_000, limitPerMinute)) {
                return false;
            }
        }
        synchronized (s) {
            s.remember(seriesId, nowMillis);
        }
        return true;
    }

    /** Ids seen by one stripe, in two generations. */
    private static final class SeenStripe {
        LongHashSet current;
        LongHashSet previous;
        long generationStart;

        SeenStripe(int capacity) {
            current = new LongHashSet(capacity);
            previous = new LongHashSet(capacity);
        }

        void rotateIfDue(long now, long window) {
            if (now - generationStart >= window) {
                rotate(now);
            }
        }

        void remember(long id, long now) {
            if (!current.add(id)) {
                rotate(now);
                current.add(id);
            }
        }

        private void rotate(long now) {
            LongHashSet old = previous;
            previous = current;
            old.clear();
            current = old;
            generationStart = now;
        }
    }

    /** New-series counts of the metrics of one stripe in the current minute. */
    private static final class CounterStripe {
        final long[] metrics = new long[METRICS_PER_STRIPE * 2];
        final int[] counts = new int[METRICS_PER_STRIPE * 2];
        int size;
        long minute = -1;

        boolean tryCount(long metric, long nowMinute, int limit) {
            if (nowMinute != minute) {
                java.util.Arrays.fill(metrics, 0);
                java.util.Arrays.fill(counts, 0);
                size = 0;
                minute = nowMinute;
            }
            long key = metric == 0 ? 1 : metric;
            int mask = metrics.length - 1;
            for (int i = (int) key & mask; ; i = i + 1 & mask) {
                if (metrics[i] == key) {
                    if (counts[i] >= limit) {
                        return false;
                    }
                    counts[i]++;
                    return true;
                }
                if (metrics[i] == 0) {
                    if (size >= METRICS_PER_STRIPE) {
                        return true;
                    }
                    metrics[i] = key;
                    counts[i] = 1;
                    size++;
                    return true;
                }
            }
        }
    }
}

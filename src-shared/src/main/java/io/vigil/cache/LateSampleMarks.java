package io.vigil.cache;

/**
 * The contract between the writer and the query tier's block cache about late samples.
 *
 * <p>The query tier caches results of closed time blocks. A block is closed once its end is older
 * than {@link #QUERY_SETTLE_MILLIS}. A sample committed by the writer more than {@link
 * #WRITER_SETTLE_MILLIS} after its own timestamp may land in a block that is already cached; for every
 * such sample, after the database transaction committed, the writer sets the Redis key {@link
 * #key(long)} of the sample's hour to the commit time. The query tier reads the marks of every hour a
 * block's answer depends on and makes them part of the block's cache key, so a late sample makes the
 * old entry unreachable instead of leaving a wrong answer in the cache.
 *
 * <p>Why the ordering is safe: a sample that is not marked was committed less than WRITER_SETTLE after
 * its timestamp, i.e. before any query could consider its block closed (QUERY_SETTLE is larger, the
 * difference covers clock skew between hosts). A marked sample is marked only after its commit, so a
 * query that reads the new mark also reads the sample.
 */
public final class LateSampleMarks {
    /** Redis key prefix; the suffix is the hour's start in epoch milliseconds. */
    public static final String KEY_PREFIX = "vigil:late:";
    /** Marks are kept per hour of sample time. */
    public static final long GRANULE_MILLIS = 3_600_000L;
    /** A sample committed later than this after its timestamp is late and gets its hour marked. */
    public static final long WRITER_SETTLE_MILLIS = 60_000L;
    /** A block is closed (cacheable) once its end is older than this. */
    public static final long QUERY_SETTLE_MILLIS = 90_000L;
    /** Marks outlive every cached block that could depend on them (the longest block TTL is a day). */
    public static final long MARK_TTL_SECONDS = 3 * 24 * 3600L;

    private LateSampleMarks() {
    }

    /** Start of the hour holding this time. */
    public static long granuleOf(long timeMillis) {
        return Math.floorDiv(timeMillis, GRANULE_MILLIS) * GRANULE_MILLIS;
    }

    public static String key(long granuleStartMillis) {
        return KEY_PREFIX + granuleStartMillis;
    }

    /** Whether a sample with this timestamp, committed at {@code commitMillis}, must mark its hour. */
    public static boolean isLate(long sampleMillis, long commitMillis) {
        return sampleMillis < commitMillis - WRITER_SETTLE_MILLIS;
    }
}

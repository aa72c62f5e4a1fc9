package io.vigil.query.storage;

import java.time.Duration;

/**
 * The storage tiers, finest first. Retention and bucket size mirror the policies in db-migrations
 * (V4__policies.sql); the query tier relies on them to know which tier still holds a range.
 */
public enum Tier {
    RAW("raw", "samples", Duration.ZERO, Duration.ofDays(7)),
    ONE_MINUTE("1m", "samples_1m", Duration.ofMinutes(1), Duration.ofDays(30)),
    ONE_HOUR("1h", "samples_1h", Duration.ofHours(1), Duration.ofDays(365));

    private final String label;
    private final String relation;
    private final Duration bucket;
    private final Duration retention;

    Tier(String label, String relation, Duration bucket, Duration retention) {
        this.label = label;
        this.relation = relation;
        this.bucket = bucket;
        this.retention = retention;
    }

    /** The name used in API answers: raw, 1m, 1h. */
    public String label() {
        return label;
    }

    /** Table or continuous aggregate holding this tier. */
    public String relation() {
        return relation;
    }

    /** Bucket width of the rollup (zero for raw samples). */
    public Duration bucket() {
        return bucket;
    }

    public Duration retention() {
        return retention;
    }
}

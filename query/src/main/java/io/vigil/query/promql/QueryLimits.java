package io.vigil.query.promql;

import java.time.Duration;

/**
 * Guards of one query, enforced by our code (the embedded database cannot cancel a statement):
 * series touched, samples loaded, points returned, and wall-clock evaluation time.
 */
public record QueryLimits(int maxSeries, long maxSamples, int maxResultPoints, Duration timeout) {
    public static final QueryLimits DEFAULT = new QueryLimits(10_000, 50_000_000L, 11_000, Duration.ofSeconds(30));
}

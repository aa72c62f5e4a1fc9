package io.vigil.query.promql;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * Guards of every query (PromQL APIs, Grafana, live streams and the native range API). Exceeding one
 * is answered 422 ({@code execution}); a query running longer than its timeout 503 ({@code timeout}).
 */
@ConfigMapping(prefix = "vigil.query.limits")
public interface QueryLimitsConfig {
    /** Series one query may touch; more is refused, asking for narrower matchers. */
    @WithDefault("10000")
    int maxSeries();

    /** Samples one query may load into memory. */
    @WithDefault("50000000")
    long maxSamples();

    /** Points per returned series ((end - start) / step), Prometheus' 11,000. */
    @WithDefault("11000")
    int maxPointsPerSeries();

    /** Longest evaluation; a {@code timeout} request parameter can only shorten it. */
    @WithDefault("30s")
    Duration timeout();

    /** Longest accepted query text, in characters; a longer one is refused before parsing. */
    @WithDefault("65536")
    int maxQueryLength();

    /** The limits of one query whose client asked for {@code requested} as timeout (null: none asked). */
    default QueryLimits forTimeout(Duration requested) {
        Duration t = requested == null || requested.compareTo(timeout()) > 0 ? timeout() : requested;
        return new QueryLimits(maxSeries(), maxSamples(), maxPointsPerSeries(), t);
    }
}

package io.vigil.ingest.gateway;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The gateway role: push endpoints that validate samples and hand them to Kafka. */
@ConfigMapping(prefix = "vigil.gateway")
public interface GatewayConfig {
    /** Whether this process serves the push endpoints. */
    @WithDefault("true")
    boolean enabled();

    /**
     * Oldest sample accepted, relative to the receive time. Chosen together with the rollup refresh
     * windows and retention (db-migrations/README.md): raising it past 3 days leaves late samples
     * outside every refresh window.
     */
    @WithDefault("2d")
    Duration maxSampleAge();

    /** How far in the future a sample may lie (clock skew of senders). */
    @WithDefault("10m")
    Duration maxSampleAhead();

    /** Samples in one request; more gets 413 and nothing of the request is kept. */
    @WithDefault("50000")
    int maxSamplesPerRequest();

    /**
     * Largest request body after decompression (remote write is snappy-compressed); a body declaring
     * more gets 413 before anything is decompressed. The compressed size is limited by
     * {@code quarkus.http.limits.max-body-size}.
     */
    @WithDefault("64M")
    io.quarkus.runtime.configuration.MemorySize maxDecodedBodySize();

    /**
     * Encoded bytes sent to Kafka and not yet acknowledged, over all requests; a request that would
     * exceed it gets 503 with Retry-After at once, so a slow Kafka never builds an unbounded queue.
     */
    @WithDefault("32M")
    io.quarkus.runtime.configuration.MemorySize maxInFlightBytes();

    /**
     * New series one metric may gain per minute through this gateway replica (0 = no limit); more are
     * refused with 429 naming the metric. Counted per replica: N replicas admit up to N times this.
     */
    @WithDefault("20000")
    int maxNewSeriesPerMetricPerMinute();

    /**
     * Series ids this replica remembers as recently seen (to tell new series from known ones); memory
     * is about 32 bytes per id. Past it, the oldest are forgotten early and count as new again.
     */
    @WithDefault("1000000")
    int recentSeriesCapacity();

    /** How long a series stays known after it was last seen (between this and twice this). */
    @WithDefault("15m")
    Duration recentSeriesWindow();

    /** How long a push waits for Kafka to acknowledge before answering 503. */
    @WithDefault("15s")
    Duration kafkaAckTimeout();
}

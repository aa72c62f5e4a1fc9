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

    /** How long a push waits for Kafka to acknowledge before answering 503. */
    @WithDefault("15s")
    Duration kafkaAckTimeout();
}

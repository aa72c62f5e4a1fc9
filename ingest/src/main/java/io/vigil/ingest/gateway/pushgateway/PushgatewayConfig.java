package io.vigil.ingest.gateway.pushgateway;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The Pushgateway-compatible API of the gateway role (see ingest/README.md, "Pushgateway"). */
@ConfigMapping(prefix = "vigil.gateway.pushgateway")
public interface PushgatewayConfig {
    /** How often every group's last pushed values are written again with the current time (a Prometheus scrape interval). */
    @WithDefault("15s")
    Duration interval();

    /** Partitions of vigil.pushgateway.groups when ingest creates it: the most gateway replicas that share re-emission. */
    @WithDefault("4")
    int partitions();

    /** Consumer group whose members share the re-emission of the groups (one member per partition). */
    @WithDefault("vigil-pushgateway")
    String consumerGroup();

    /** How long a push waits for the group state (start-up catch-up, Kafka acknowledgement) before answering 503. */
    @WithDefault("10s")
    Duration stateTimeout();
}

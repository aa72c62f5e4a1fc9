package io.vigil.notify;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Notify's settings. */
@ConfigMapping(prefix = "vigil.notify")
public interface NotifyConfig {
    /** The receivers YAML (a mounted ConfigMap in Kubernetes); without it notify knows no receiver. */
    Optional<String> receiversFile();

    /** Bearer token of the admin endpoints (test notifications); unset = those endpoints answer 403. */
    Optional<String> adminToken();

    /** Whether this process consumes vigil.notifications. */
    @WithDefault("true")
    boolean consumerEnabled();

    /** Kafka consumer group of all notify replicas. */
    @WithDefault("vigil-notify")
    String groupId();

    /** Notifications accepted from Kafka but not yet finished; above it consumption pauses. */
    @WithDefault("10000")
    int maxInFlight();

    /** Default for receivers without retry_for: how long a notification is retried before it is dead-lettered. */
    @WithDefault("1h")
    Duration retryFor();

    /** First retry delay; doubles (with jitter) up to {@link #maxBackoff()}. */
    @WithDefault("1s")
    Duration initialBackoff();

    @WithDefault("1m")
    Duration maxBackoff();
}

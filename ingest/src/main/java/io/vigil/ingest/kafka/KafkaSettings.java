package io.vigil.ingest.kafka;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** Kafka settings of the ingest service (the broker address is Quarkus' {@code kafka.bootstrap.servers}). */
@ConfigMapping(prefix = "vigil.kafka")
public interface KafkaSettings {
    /** Bootstrap servers, the same value as {@code kafka.bootstrap.servers}. */
    @WithName("bootstrap-servers")
    @WithDefault("${kafka.bootstrap.servers}")
    String bootstrapServers();

    /** Partitions of vigil.samples when ingest has to create it (the writer scales to this many consumers). */
    @WithDefault("8")
    int samplesPartitions();

    /** Replication factor of vigil.samples when ingest has to create it. */
    @WithDefault("1")
    short replicationFactor();
}

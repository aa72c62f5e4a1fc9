package io.vigil.ingest.gateway;

import java.util.concurrent.CompletableFuture;

/**
 * Where the pipeline hands finished {@code vigil.samples} records: Kafka in the service
 * ({@link SamplePublisher}), something that only counts bytes in benchmarks.
 */
public interface SampleTransport {
    /** The topic's partition count; throws when it cannot be learnt (Kafka unreachable). */
    int partitions();

    /** Sends one record; completes when it is acknowledged, exceptionally when it will not be. */
    CompletableFuture<Void> send(int partition, byte[] key, byte[] value);
}

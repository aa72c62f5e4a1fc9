package io.vigil.ingest.gateway;

import io.quarkus.runtime.ShutdownEvent;
import io.vigil.ingest.kafka.KafkaSettings;
import io.vigil.kafka.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The gateway's Kafka producer for {@code vigil.samples}: idempotent, {@code acks=all}, records sent
 * to the partition the gateway chose (see {@link io.vigil.kafka.SampleBatchCodec#partitionOf}).
 */
@ApplicationScoped
public class SamplePublisher {
    /** How long the partition count is trusted before it is asked for again (partitions are added rarely). */
    private static final long PARTITIONS_REFRESH_MILLIS = 60_000;

    private final Producer<byte[], byte[]> producer;
    private volatile int partitions;
    private volatile long partitionsCheckedAt;

    SamplePublisher(KafkaSettings settings, GatewayConfig gateway) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 16 * 1024 * 1024);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        // The gateway bounds what waits for acknowledgements itself (max-in-flight-bytes, below this
        // buffer), so send() does not block on a full buffer; it can still wait for metadata while
        // Kafka is unreachable, at most max.block.ms.
        config.put(ProducerConfig.BUFFER_MEMORY_CONFIG, Math.max(64L * 1024 * 1024, 2 * gateway.maxInFlightBytes().asLongValue()));
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
        int ackMillis = (int) gateway.kafkaAckTimeout().toMillis();
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.min(ackMillis, 10_000));
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Math.max(ackMillis, 5 + Math.min(ackMillis, 10_000)));
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "vigil-gateway");
        producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /**
     * The partition count of {@code vigil.samples}; cached, asked for again every minute. Throws a
     * KafkaException (after at most max.block.ms) when it was never known and Kafka is unreachable.
     */
    public int partitions() {
        long now = System.currentTimeMillis();
        int known = partitions;
        if (known == 0 || now - partitionsCheckedAt > PARTITIONS_REFRESH_MILLIS) {
            try {
                known = producer.partitionsFor(Topics.SAMPLES).size();
                partitions = known;
            } catch (RuntimeException e) {
                if (known == 0) {
                    throw e;
                }
            }
            partitionsCheckedAt = now;
        }
        return known;
    }

    /** Sends one record; the future completes when Kafka acknowledged it, exceptionally when it will not. */
    public CompletableFuture<Void> send(int partition, byte[] key, byte[] value) {
        CompletableFuture<Void> ack = new CompletableFuture<>();
        try {
            producer.send(new ProducerRecord<>(Topics.SAMPLES, partition, key, value), (metadata, error) -> {
                if (error != null) {
                    ack.completeExceptionally(error);
                } else {
                    ack.complete(null);
                }
            });
        } catch (RuntimeException e) {
            ack.completeExceptionally(e);
        }
        return ack;
    }

    void onStop(@Observes ShutdownEvent event) {
        producer.close(java.time.Duration.ofSeconds(10));
    }
}

package io.vigil.ingest.gateway;

import io.quarkus.runtime.ShutdownEvent;
import io.vigil.ingest.kafka.KafkaSettings;
import io.vigil.kafka.SampleBatchCodec;
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
 * Hands grouped samples to Kafka: one record per series, key = series id, value = the shared sample
 * batch encoding. The returned future completes only when Kafka acknowledged every record of the
 * request (idempotent producer, acks=all), which is when the gateway may answer 2xx.
 */
@ApplicationScoped
public class SamplePublisher {
    private final Producer<byte[], byte[]> producer;

    SamplePublisher(KafkaSettings settings, GatewayConfig gateway) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        // Bounded memory: when Kafka is slow the buffer fills and send() waits at most max.block.ms,
        // then the push is answered 503 instead of queueing without limit.
        config.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 64L * 1024 * 1024);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
        int ackMillis = (int) gateway.kafkaAckTimeout().toMillis();
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.min(ackMillis, 10_000));
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Math.max(ackMillis, 5 + Math.min(ackMillis, 10_000)));
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "vigil-gateway");
        producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** Sends every series; completes when all are acknowledged, exceptionally on the first failure. */
    public CompletableFuture<Void> publish(PendingSeries pending) {
        CompletableFuture<?>[] acks = new CompletableFuture<?>[pending.series().size()];
        int i = 0;
        for (PendingSeries.Series s : pending.series()) {
            long id = s.labels().seriesId();
            byte[] value = SampleBatchCodec.encode(s.labels(), s.timestamps(), s.values(), s.count());
            CompletableFuture<Void> ack = new CompletableFuture<>();
            try {
                producer.send(new ProducerRecord<>(Topics.SAMPLES, SampleBatchCodec.key(id), value), (metadata, error) -> {
                    if (error != null) {
                        ack.completeExceptionally(error);
                    } else {
                        ack.complete(null);
                    }
                });
            } catch (RuntimeException e) {
                ack.completeExceptionally(e);
            }
            acks[i++] = ack;
        }
        return CompletableFuture.allOf(acks);
    }

    void onStop(@Observes ShutdownEvent event) {
        producer.close(java.time.Duration.ofSeconds(10));
    }
}

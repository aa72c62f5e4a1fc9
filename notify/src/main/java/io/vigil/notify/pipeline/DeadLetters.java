package io.vigil.notify.pipeline;

import io.quarkus.runtime.ShutdownEvent;
import io.vigil.notify.NotifyTopics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The dead-letter topic: notifications given up on, unchanged, with the reason and receiver in
 * headers. Publishing waits for Kafka's acknowledgement and retries until it gets one, because the
 * record is committed (and so gone from vigil.notifications) right after.
 */
@ApplicationScoped
public class DeadLetters {
    private static final Logger LOG = Logger.getLogger(DeadLetters.class);
    private final KafkaProducer<byte[], byte[]> producer;

    DeadLetters(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap) {
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true, ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000,
                ProducerConfig.CLIENT_ID_CONFIG, "vigil-notify-dead-letters"), new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** Publishes and waits for the acknowledgement; returns false only if interrupted (shutdown). */
    public boolean publish(byte[] key, byte[] raw, String receiver, String reason) {
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(NotifyTopics.DEAD_LETTERS, key, raw);
        record.headers().add(NotifyTopics.REASON_HEADER, reason.getBytes(StandardCharsets.UTF_8));
        if (receiver != null) {
            record.headers().add(NotifyTopics.RECEIVER_HEADER, receiver.getBytes(StandardCharsets.UTF_8));
        }
        long backoff = 500;
        while (!Thread.currentThread().isInterrupted()) {
            try {
                producer.send(record).get(30, TimeUnit.SECONDS);
                LOG.warnf("dead-lettered a notification for %s: %s", receiver, reason);
                return true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                LOG.warnf("cannot dead-letter yet, retrying in %d ms: %s", backoff, e.toString());
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                }
                backoff = Math.min(backoff * 2, 30_000);
            }
        }
        return false;
    }

    void onStop(@Observes ShutdownEvent event) {
        producer.close(java.time.Duration.ofSeconds(5));
    }
}

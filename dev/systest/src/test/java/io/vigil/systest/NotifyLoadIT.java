package io.vigil.systest;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.kafka.NotificationCodec;
import io.vigil.kafka.Topics;
import io.vigil.model.Alert;
import io.vigil.model.Notification;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/**
 * Load generator for the webhook channel, run with the system tests; it prints numbers and asserts
 * only correctness (everything delivered exactly once).
 *
 * <p>Workload: 4 webhook receivers on loopback answering 200 at once; 2,000 notifications (500 per
 * receiver, one firing alert each) published to {@code vigil.notifications} (4 partitions) as fast as
 * Kafka acknowledges; one notify process (JVM, 256 MB heap) with the delivery log on the embedded
 * TimescaleDB. Printed: notifications per second from the first publish to the last delivery, and the
 * latency from a record's acknowledgement by Kafka to its arrival at the receiver (p50, p99, max).
 */
class NotifyLoadIT {
    private static final int RECEIVERS = 4;
    private static final int PER_RECEIVER = 500;
    private final VigilSystem system = SharedSystem.get();

    @Test
    void webhookThroughputAndLatency() throws Exception {
        system.kafka.createTopic(Topics.NOTIFICATIONS, 4);
        List<LoopbackWebhook> hooks = new ArrayList<>();
        StringBuilder yaml = new StringBuilder("receivers:\n");
        for (int r = 0; r < RECEIVERS; r++) {
            LoopbackWebhook hook = new LoopbackWebhook();
            hooks.add(hook);
            yaml.append("  - name: load-").append(r).append("\n    type: webhook\n    url: ").append(hook.url()).append('\n');
        }
        VigilSystem.Service notify = system.notify(yaml.toString());
        Map<String, Long> acked = new ConcurrentHashMap<>();
        Map<String, Integer> receiverOf = new ConcurrentHashMap<>();
        long start = System.nanoTime();
        try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, system.kafka.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 2), new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < PER_RECEIVER; i++) {
                for (int r = 0; r < RECEIVERS; r++) {
                    String id = "load-" + UUID.randomUUID();
                    Map<String, String> labels = Map.of("alertname", "Load", "n", Integer.toString(i));
                    Notification n = new Notification(id, "load-" + r, Notification.FIRING, "g" + i + "-" + r, labels, labels,
                            Map.of(), null, List.of(new Alert(Notification.FIRING, labels, Map.of(), Instant.now(), null, null,
                                    "f" + i)), Instant.now());
                    receiverOf.put(id, r);
                    p.send(new ProducerRecord<>(Topics.NOTIFICATIONS, NotificationCodec.key(n), NotificationCodec.encode(n)),
                            (md, e) -> acked.put(id, System.nanoTime()));
                }
            }
            p.flush();
        }
        int total = RECEIVERS * PER_RECEIVER;
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (hooks.stream().mapToInt(LoopbackWebhook::total).sum() < total && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        long end = hooks.stream().flatMap(h -> h.receivedAtNanos.stream()).mapToLong(Long::longValue).max().orElse(start);
        List<Long> latencies = new ArrayList<>();
        acked.forEach((id, at) -> {
            Long got = hooks.get(receiverOf.get(id)).firstReceivedNanos.get(id);
            if (got != null) {
                latencies.add((got - at) / 1_000_000);
            }
        });
        latencies.sort(null);
        double seconds = (end - start) / 1e9;
        System.out.printf("notify load: %d notifications to %d webhook receivers in %.2f s = %.0f notifications/s; "
                + "Kafka-ack-to-receiver latency p50 %d ms, p99 %d ms, max %d ms%n", total, RECEIVERS, seconds, total / seconds,
                latencies.get(latencies.size() / 2), latencies.get((int) (latencies.size() * 0.99)),
                latencies.get(latencies.size() - 1));
        assertThat(latencies).hasSize(total);

        // Idle latency: one notification at a time, each published after the previous one arrived.
        List<Long> idle = new ArrayList<>();
        try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, system.kafka.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < 50; i++) {
                String id = "idle-" + UUID.randomUUID();
                Map<String, String> labels = Map.of("alertname", "Idle", "n", Integer.toString(i));
                Notification n = new Notification(id, "load-0", Notification.FIRING, "idle" + i, labels, labels, Map.of(), null,
                        List.of(new Alert(Notification.FIRING, labels, Map.of(), Instant.now(), null, null, "i" + i)), Instant.now());
                p.send(new ProducerRecord<>(Topics.NOTIFICATIONS, NotificationCodec.key(n), NotificationCodec.encode(n))).get();
                long at = System.nanoTime();
                long until = at + Duration.ofSeconds(10).toNanos();
                while (!hooks.get(0).firstReceivedNanos.containsKey(id) && System.nanoTime() < until) {
                    Thread.sleep(1);
                }
                Long got = hooks.get(0).firstReceivedNanos.get(id);
                assertThat(got).as("idle notification " + i + " delivered").isNotNull();
                idle.add((got - at) / 1_000_000);
            }
        }
        idle.sort(null);
        System.out.printf("notify idle latency (Kafka ack to receiver, one at a time, 50 notifications): p50 %d ms, p99 %d ms, max %d ms%n",
                idle.get(25), idle.get(49), idle.get(49));
        for (LoopbackWebhook h : hooks) {
            assertThat(h.received.values()).allMatch(c -> c.get() == 1);
            h.close();
        }
        notify.stop();
    }
}

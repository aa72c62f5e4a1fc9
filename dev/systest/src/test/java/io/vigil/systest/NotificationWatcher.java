package io.vigil.systest;

import io.vigil.kafka.NotificationCodec;
import io.vigil.kafka.Topics;
import io.vigil.model.Notification;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads {@code vigil.notifications} from the moment it is created, as notify would, remembering every
 * record with the time it was seen. Tests pick theirs by alert name (the topic is shared).
 */
final class NotificationWatcher implements AutoCloseable {
    /** A notification and when this watcher read it. */
    record Seen(Notification notification, Instant at) {
    }

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final List<Seen> seen = new ArrayList<>();

    NotificationWatcher(VigilSystem system) {
        system.kafka.createTopic(Topics.NOTIFICATIONS, 4);
        consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, system.kafka.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.NOTIFICATIONS).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
    }

    /** Reads what arrived within {@code wait}. */
    synchronized void drain(Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        do {
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                seen.add(new Seen(NotificationCodec.decode(r.value()), Instant.now()));
            }
        } while (System.nanoTime() < deadline);
    }

    /** Every notification seen so far about alerts named {@code alertname}. */
    synchronized List<Seen> about(String alertname) {
        drain(Duration.ZERO);
        return seen.stream().filter(s -> s.notification().alerts().stream()
                .anyMatch(a -> alertname.equals(a.labels().get("alertname")))).toList();
    }

    /**
     * The distinct notifications (by id) about {@code alertname}: what notify delivers, since publishing
     * is at least once and a record republished after a crash carries the same id (delivery is
     * idempotent per id). A duplicate record must be the same notification, which is checked here.
     */
    synchronized List<Notification> pages(String alertname) {
        Map<String, Notification> byId = new LinkedHashMap<>();
        for (Seen s : about(alertname)) {
            Notification earlier = byId.putIfAbsent(s.notification().id(), s.notification());
            if (earlier != null && !earlier.equals(s.notification())) {
                throw new AssertionError("two different notifications share the id " + earlier.id() + ": " + earlier
                        + " and " + s.notification());
            }
        }
        return List.copyOf(byId.values());
    }

    /** Waits up to {@code timeout} for a notification about {@code alertname} matching {@code which}. */
    Seen await(String alertname, Predicate<Notification> which, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (Seen s : about(alertname)) {
                if (which.test(s.notification())) {
                    return s;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no matching notification about " + alertname + " within " + timeout
                        + "; seen: " + about(alertname));
            }
            drain(Duration.ofMillis(200));
        }
    }

    @Override
    public synchronized void close() {
        consumer.close();
    }
}

package io.vigil.alerting.manager.it;

import io.vigil.kafka.NotificationCodec;
import io.vigil.kafka.Topics;
import io.vigil.model.Notification;
import io.vigil.testkit.VigilInfra;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Reads vigil.notifications with a real consumer, from the end as of its creation. */
final class NotificationTopic implements AutoCloseable {
    /** A record read: the decoded notification and its Kafka key. */
    record Read(String key, Notification notification) {
    }

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final List<Read> seen = new ArrayList<>();

    NotificationTopic() {
        VigilInfra.kafka().createTopic(Topics.NOTIFICATIONS, 1);
        consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, VigilInfra.kafka().bootstrapServers()),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> parts = consumer.partitionsFor(Topics.NOTIFICATIONS).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(parts);
        consumer.seekToEnd(parts);
        parts.forEach(consumer::position);
    }

    /** Everything matching {@code wanted} read within {@code time} (always waits the whole time). */
    List<Read> during(Duration time, Predicate<Notification> wanted) {
        long deadline = System.nanoTime() + time.toNanos();
        while (System.nanoTime() < deadline) {
            poll();
        }
        return seen.stream().filter(r -> wanted.test(r.notification())).toList();
    }

    /** Waits up to {@code timeout} until {@code n} matching records were read; returns them all. */
    List<Read> await(int n, Duration timeout, Predicate<Notification> wanted) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline && seen.stream().filter(r -> wanted.test(r.notification())).count() < n) {
            poll();
        }
        return seen.stream().filter(r -> wanted.test(r.notification())).toList();
    }

    private void poll() {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
            seen.add(new Read(new String(r.key(), java.nio.charset.StandardCharsets.UTF_8), NotificationCodec.decode(r.value())));
        }
    }

    static Predicate<Notification> alertname(String name) {
        return n -> name.equals(n.groupLabels().get("alertname"));
    }

    @Override
    public void close() {
        consumer.close();
    }
}

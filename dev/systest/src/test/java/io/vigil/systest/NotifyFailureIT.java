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
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/**
 * The notify process against crashes and receiver outages: at least once, and never more than one
 * duplicate per crash.
 */
class NotifyFailureIT {
    private final VigilSystem system = SharedSystem.get();

    private List<String> publish(String receiver, int n) throws Exception {
        List<String> ids = new ArrayList<>();
        try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, system.kafka.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < n; i++) {
                String id = "sys-" + UUID.randomUUID();
                Map<String, String> labels = Map.of("alertname", "DiskFull", "host", "h" + i);
                Notification notification = new Notification(id, receiver, Notification.FIRING, "group-" + i, labels, labels,
                        Map.of(), null, List.of(new Alert(Notification.FIRING, labels, Map.of(), Instant.now(), null, null,
                                "fp" + i)), Instant.now());
                p.send(new ProducerRecord<>(Topics.NOTIFICATIONS, NotificationCodec.key(notification),
                        NotificationCodec.encode(notification))).get();
                ids.add(id);
            }
        }
        return ids;
    }

    private static void await(String what, Duration timeout, java.util.function.BooleanSupplier condition) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(100);
        }
    }

    @Test
    void notifyKilledBetweenSendingAndCommittingDeliversAtMostOneDuplicate() throws Exception {
        system.kafka.createTopic(Topics.NOTIFICATIONS, 4);
        try (LoopbackWebhook hook = new LoopbackWebhook()) {
            hook.delay = Duration.ofMillis(400);
            VigilSystem.Service notify = system.notify("receivers:\n  - name: crash-hook\n    type: webhook\n    url: "
                    + hook.url() + "\n    timeout: 5s\n");
            List<String> ids = publish("crash-hook", 12);
            await("some deliveries", Duration.ofSeconds(60), () -> hook.total() >= 3);
            // The receiver is answering slowly: a request is in flight, its outcome not yet recorded.
            notify.kill();
            notify.start();
            try {
                await("every notification", Duration.ofSeconds(120), () -> ids.stream().allMatch(hook.received::containsKey));
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "; received " + hook.received + "\nnotify log:\n" + notify.logTail());
            }
            Thread.sleep(2000);
            long duplicated = ids.stream().filter(id -> hook.received.get(id).get() > 1).count();
            assertThat(duplicated).as("notifications delivered twice after one crash").isLessThanOrEqualTo(1);
            assertThat(ids).allMatch(id -> hook.received.get(id).get() <= 2);
            if (duplicated == 1) {
                String twice = ids.stream().filter(id -> hook.received.get(id).get() == 2).findFirst().orElseThrow();
                // The delivery log shows it: two attempts counted for that notification.
                assertThat(system.sql("SELECT attempts FROM notification_deliveries WHERE notification_id = '" + twice + "'"))
                        .isEqualTo(2);
            }
            notify.stop();
        }
    }

    @Test
    void aReceiverDownForFiveMinutesGetsEverythingOnceItIsBack() throws Exception {
        system.kafka.createTopic(Topics.NOTIFICATIONS, 4);
        try (LoopbackWebhook hook = new LoopbackWebhook()) {
            VigilSystem.Service notify = system.notify("receivers:\n  - name: outage-hook\n    type: webhook\n    url: "
                    + hook.url() + "\n    timeout: 2s\n    retry_for: 1h\n");
            hook.down();
            List<String> ids = new ArrayList<>(publish("outage-hook", 5));
            Thread.sleep(Duration.ofMinutes(5).toMillis() - 20_000);
            ids.addAll(publish("outage-hook", 5)); // more pages while it is still down
            Thread.sleep(20_000);
            assertThat(hook.total()).isZero();
            hook.up();
            await("every notification after the outage", Duration.ofSeconds(60),
                    () -> ids.stream().allMatch(hook.received::containsKey));
            Thread.sleep(2000);
            assertThat(ids).allMatch(id -> hook.received.get(id).get() == 1);
            assertThat(system.sql("SELECT count(*) FROM notification_deliveries WHERE receiver = 'outage-hook' AND state = 'delivered'"))
                    .isEqualTo(10);
            notify.stop();
        }
    }
}

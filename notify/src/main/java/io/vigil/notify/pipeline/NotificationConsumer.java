package io.vigil.notify.pipeline;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vigil.kafka.NotificationCodec;
import io.vigil.kafka.Topics;
import io.vigil.model.Notification;
import io.vigil.notify.NotifyConfig;
import io.vigil.notify.log.DeliveryLog;
import io.vigil.notify.receivers.ReceiverRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Reads {@code vigil.notifications} and hands each notification to its receiver's worker. An offset
 * is committed only once every notification up to it reached a final outcome (delivered, or
 * dead-lettered), so a crash re-reads what was in flight and the delivery log keeps that from
 * becoming more than one duplicate. Records that cannot be delivered at all (undecodable, unknown
 * receiver) go straight to the dead-letter topic with the reason.
 */
@ApplicationScoped
public class NotificationConsumer {
    private static final Logger LOG = Logger.getLogger(NotificationConsumer.class);

    private final NotifyConfig config;
    private final ReceiverRegistry registry;
    private final DeliveryLog log;
    private final DeadLetters deadLetters;
    private final String bootstrap;
    private final MeterRegistry meters;
    private final Map<String, ReceiverWorker> workers = new ConcurrentHashMap<>();
    private final Map<TopicPartition, OffsetTracker> trackers = new ConcurrentHashMap<>();
    private volatile boolean running;
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private Thread thread;

    NotificationConsumer(NotifyConfig config, ReceiverRegistry registry, DeliveryLog log, DeadLetters deadLetters,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap, MeterRegistry meters) {
        this.config = config;
        this.registry = registry;
        this.log = log;
        this.deadLetters = deadLetters;
        this.bootstrap = bootstrap;
        this.meters = meters;
    }

    void onStart(@Observes StartupEvent event) {
        if (!config.consumerEnabled()) {
            return;
        }
        registry.all().forEach((name, r) -> workers.put(name, new ReceiverWorker(r.channel(), r.policy(), log, deadLetters,
                this::finished)));
        running = true;
        thread = Thread.ofPlatform().name("vigil-notify-consumer").start(this::run);
    }

    void onStop(@Observes ShutdownEvent event) {
        running = false;
        workers.values().forEach(ReceiverWorker::stop);
        KafkaConsumer<byte[], byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        if (thread != null) {
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void finished(Delivery d) {
        OffsetTracker t = trackers.get(new TopicPartition(Topics.NOTIFICATIONS, d.partition()));
        if (t != null) {
            t.finished(d.offset());
        }
        meters.counter("vigil_notify_notifications_finished_total", "receiver", d.notification().receiver()).increment();
    }

    private void run() {
        while (running) {
            try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ConsumerConfig.GROUP_ID_CONFIG, config.groupId(),
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false, ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                    ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed", ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500,
                    ConsumerConfig.CLIENT_ID_CONFIG, "vigil-notify",
                    // A crashed replica's partitions move after 10 s rather than the default 45 s: pages wait on it.
                    ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000, ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 3_000),
                    new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
                consumer = c;
                c.subscribe(List.of(Topics.NOTIFICATIONS), new CommitOnRevoke(c));
                while (running) {
                    int inFlight = trackers.values().stream().mapToInt(OffsetTracker::inFlight).sum();
                    if (inFlight >= config.maxInFlight()) {
                        c.pause(c.assignment());
                    } else {
                        c.resume(c.paused());
                    }
                    for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
                        dispatch(r);
                    }
                    commit(c, trackers.keySet());
                }
            } catch (WakeupException e) {
                // shutdown
            } catch (KafkaException | IllegalStateException e) {
                LOG.errorf("notification consumer failed, restarting it in 5 s: %s", e.toString());
                trackers.clear();
                sleep(5_000);
            }
        }
    }

    private void dispatch(ConsumerRecord<byte[], byte[]> r) {
        TopicPartition tp = new TopicPartition(r.topic(), r.partition());
        OffsetTracker tracker = trackers.computeIfAbsent(tp, p -> new OffsetTracker());
        tracker.started(r.offset());
        Notification n;
        try {
            n = NotificationCodec.decode(r.value());
        } catch (IllegalArgumentException e) {
            deadLetters.publish(r.key(), r.value(), null, "undecodable: " + e.getMessage());
            tracker.finished(r.offset());
            return;
        }
        ReceiverWorker worker = workers.get(n.receiver());
        if (worker == null) {
            deadLetters.publish(r.key(), r.value(), n.receiver(), "unknown receiver \"" + n.receiver() + "\"");
            tracker.finished(r.offset());
            return;
        }
        worker.submit(new Delivery(n, r.value(), r.partition(), r.offset()));
    }

    private void commit(KafkaConsumer<byte[], byte[]> c, Collection<TopicPartition> partitions) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition tp : partitions) {
            OffsetTracker t = trackers.get(tp);
            long committable = t == null ? -1 : t.committable();
            if (committable >= 0 && c.assignment().contains(tp)) {
                offsets.put(tp, new OffsetAndMetadata(committable));
            }
        }
        if (offsets.isEmpty()) {
            return;
        }
        try {
            c.commitSync(offsets);
        } catch (CommitFailedException e) {
            LOG.infof("offset commit lost to a rebalance: %s", e.getMessage());
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private final class CommitOnRevoke implements ConsumerRebalanceListener {
        private final KafkaConsumer<byte[], byte[]> c;

        CommitOnRevoke(KafkaConsumer<byte[], byte[]> c) {
            this.c = c;
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            commit(c, partitions);
            partitions.forEach(trackers::remove);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        }
    }
}

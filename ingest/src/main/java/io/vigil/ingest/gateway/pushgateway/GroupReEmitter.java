package io.vigil.ingest.gateway.pushgateway;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vigil.ingest.gateway.GatewayConfig;
import io.vigil.ingest.gateway.PushBatch;
import io.vigil.ingest.gateway.PushOutcome;
import io.vigil.ingest.gateway.PushPipeline;
import io.vigil.ingest.kafka.KafkaSettings;
import io.vigil.kafka.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.jboss.logging.Logger;

/**
 * Writes every group's last pushed values again, with the current time, every interval, as Prometheus
 * scraping a Pushgateway would. The gateway replicas form one consumer group over
 * {@code vigil.pushgateway.groups}; a replica re-emits only the groups in the partitions Kafka assigned
 * it, so each group is written by exactly one replica, and when a replica stops its partitions (and
 * groups) move to the others within a session timeout. The consumer reads no state (that is
 * {@link GroupStore}'s job): membership is all it is for.
 */
@ApplicationScoped
public class GroupReEmitter {
    private static final Logger LOG = Logger.getLogger(GroupReEmitter.class);

    private final KafkaSettings kafka;
    private final PushgatewayConfig config;
    private final GroupStore store;
    private final PushPipeline pipeline;
    private final boolean enabled;
    private final Set<Integer> owned = ConcurrentHashMap.newKeySet();
    private volatile boolean stopping;
    private Thread member;
    private Thread emitter;

    GroupReEmitter(KafkaSettings kafka, PushgatewayConfig config, GroupStore store, PushPipeline pipeline, GatewayConfig gateway) {
        this.kafka = kafka;
        this.config = config;
        this.store = store;
        this.pipeline = pipeline;
        this.enabled = gateway.enabled();
    }

    void onStart(@Observes StartupEvent event) {
        if (enabled) {
            member = Thread.ofPlatform().daemon().name("vigil-pushgateway-member").start(this::stayMember);
            emitter = Thread.ofPlatform().daemon().name("vigil-pushgateway-emitter").start(this::emitEveryInterval);
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
        if (member != null) {
            member.interrupt();
            emitter.interrupt();
        }
    }

    /** Partitions of vigil.pushgateway.groups this replica re-emits now. */
    Set<Integer> ownedPartitions() {
        return Set.copyOf(owned);
    }

    private void stayMember() {
        GroupsTopic.ensureExists(kafka.bootstrapServers(), config.partitions(), () -> stopping);
        while (!stopping) {
            try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", kafka.bootstrapServers(),
                    "group.id", config.consumerGroup(), "allow.auto.create.topics", false, "enable.auto.commit", true, "auto.offset.reset", "latest",
                    "session.timeout.ms", 10_000, "heartbeat.interval.ms", 1_000, "client.id", "vigil-pushgateway-member"),
                    new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
                consumer.subscribe(List.of(Topics.PUSHGATEWAY_GROUPS), new ConsumerRebalanceListener() {
                    @Override
                    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                        partitions.forEach(p -> owned.remove(p.partition()));
                    }

                    @Override
                    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                        partitions.forEach(p -> owned.add(p.partition()));
                        LOG.infof("pushgateway: this replica re-emits the groups of partitions %s", owned);
                    }

                    @Override
                    public void onPartitionsLost(Collection<TopicPartition> partitions) {
                        onPartitionsRevoked(partitions);
                    }
                });
                while (!stopping) {
                    consumer.poll(Duration.ofMillis(500));
                }
            } catch (RuntimeException e) {
                owned.clear();
                if (!stopping) {
                    LOG.warnf("pushgateway re-emission membership: %s; joining again in 5 s", e.toString());
                    sleep(5_000);
                }
            }
        }
        owned.clear();
    }

    private void emitEveryInterval() {
        long interval = config.interval().toMillis();
        while (!stopping) {
            sleep(interval - System.currentTimeMillis() % interval);
            if (!stopping && store.ready()) {
                emitOwned(System.currentTimeMillis());
            }
        }
    }

    /** Writes every owned group at {@code now}; waits for Kafka so a slow Kafka is not flooded. */
    void emitOwned(long now) {
        PushgatewayMetrics metrics = new PushgatewayMetrics();
        for (GroupStore.Entry e : store.entries()) {
            if (!owned.contains(e.partition())) {
                continue;
            }
            PushBatch batch = pipeline.open("pushgateway");
            metrics.emit(e.group(), now, batch);
            try {
                PushOutcome outcome = batch.publish().toCompletableFuture().get(config.stateTimeout().toMillis(), TimeUnit.MILLISECONDS);
                if (outcome.status() != PushOutcome.Status.STORED) {
                    LOG.warnf("re-emitting pushgateway group %s: %s %s", e.group().key(), outcome.status(), outcome.rejectReasons());
                }
            } catch (InterruptedException ie) {
                return;
            } catch (Exception ex) {
                LOG.warnf("re-emitting pushgateway group %s failed: %s", e.group().key(), ex.toString());
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(Math.max(1, millis));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

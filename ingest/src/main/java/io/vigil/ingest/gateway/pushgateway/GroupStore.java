package io.vigil.ingest.gateway.pushgateway;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vigil.ingest.gateway.GatewayConfig;
import io.vigil.ingest.kafka.KafkaSettings;
import io.vigil.kafka.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.jboss.logging.Logger;

/**
 * Every group's last state, from the compacted topic {@code vigil.pushgateway.groups}: each gateway
 * replica reads all its partitions from the beginning (manual assignment, no consumer group), so any
 * replica can answer any push, and a restarted one has the state back once it caught up. Writes go to
 * Kafka first ({@code acks=all}) and return once this replica's view has applied them, so a client
 * pushing twice to the same replica sees its first push in the second.
 */
@ApplicationScoped
public class GroupStore {
    private static final Logger LOG = Logger.getLogger(GroupStore.class);

    /** A group and the partition its record lives in (which replica re-emits it depends on that). */
    record Entry(int partition, PushedGroup group) {
    }

    private final KafkaSettings kafka;
    private final PushgatewayConfig config;
    private final boolean enabled;
    private final Map<String, Entry> groups = new ConcurrentHashMap<>();
    private volatile long[] applied = new long[0];
    private volatile boolean ready;
    private volatile boolean stopping;
    private KafkaProducer<byte[], byte[]> producer;
    private Thread reader;

    GroupStore(KafkaSettings kafka, PushgatewayConfig config, GatewayConfig gateway) {
        this.kafka = kafka;
        this.config = config;
        this.enabled = gateway.enabled();
    }

    void onStart(@Observes StartupEvent event) {
        if (!enabled) {
            return;
        }
        producer = new KafkaProducer<>(Map.of("bootstrap.servers", kafka.bootstrapServers(), "acks", "all",
                "enable.idempotence", true, "max.block.ms", 5_000, "client.id", "vigil-pushgateway-store"),
                new ByteArraySerializer(), new ByteArraySerializer());
        reader = Thread.ofPlatform().daemon().name("vigil-pushgateway-store").start(this::read);
    }

    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
        if (reader != null) {
            reader.interrupt();
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }

    /** Whether the state has been read up to where it was when this replica started. */
    boolean awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!ready && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return ready;
    }

    boolean ready() {
        return ready;
    }

    PushedGroup get(GroupingKey key) {
        Entry e = groups.get(mapKey(PushedGroupCodec.key(key)));
        return e == null ? null : e.group();
    }

    /** Every group with its partition (for the re-emitter). */
    List<Entry> entries() {
        return new ArrayList<>(groups.values());
    }

    /** Stores the group; completes once Kafka acknowledged it and this replica's view has it. */
    CompletableFuture<Void> put(PushedGroup group) {
        return send(PushedGroupCodec.key(group.key()), PushedGroupCodec.encode(group));
    }

    /** Deletes the group (a tombstone, which compaction eventually removes with the group's records). */
    CompletableFuture<Void> delete(GroupingKey key) {
        return send(PushedGroupCodec.key(key), null);
    }

    private CompletableFuture<Void> send(byte[] key, byte[] value) {
        CompletableFuture<RecordMetadata> ack = new CompletableFuture<>();
        try {
            producer.send(new ProducerRecord<>(Topics.PUSHGATEWAY_GROUPS, key, value), (metadata, error) -> {
                if (error != null) {
                    ack.completeExceptionally(error);
                } else {
                    ack.complete(metadata);
                }
            });
        } catch (RuntimeException e) {
            ack.completeExceptionally(e);
        }
        return ack.thenCompose(metadata -> CompletableFuture.runAsync(() -> awaitApplied(metadata.partition(), metadata.offset())));
    }

    private void awaitApplied(int partition, long offset) {
        long deadline = System.nanoTime() + config.stateTimeout().toNanos();
        while (partition >= applied.length || applied[partition] <= offset) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the group state was not read back within " + config.stateTimeout());
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted");
            }
        }
    }

    private void read() {
        GroupsTopic.ensureExists(kafka.bootstrapServers(), config.partitions(), () -> stopping);
        while (!stopping) {
            try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", kafka.bootstrapServers(),
                    "allow.auto.create.topics", false, "enable.auto.commit", false, "auto.offset.reset", "earliest", "client.id", "vigil-pushgateway-view"),
                    new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
                List<TopicPartition> partitions = consumer.partitionsFor(Topics.PUSHGATEWAY_GROUPS, Duration.ofSeconds(10)).stream()
                        .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
                groups.clear();
                Map<TopicPartition, Long> startEnd = consumer.endOffsets(partitions);
                long[] positions = new long[partitions.size()];
                while (!stopping) {
                    for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                        apply(r);
                    }
                    for (TopicPartition tp : partitions) {
                        positions[tp.partition()] = consumer.position(tp);
                    }
                    applied = positions.clone();
                    if (!ready && caughtUp(startEnd, positions)) {
                        ready = true;
                        LOG.infof("pushgateway: %d group(s) loaded from %s", groups.size(), Topics.PUSHGATEWAY_GROUPS);
                    }
                }
            } catch (RuntimeException e) {
                if (!stopping) {
                    LOG.warnf("pushgateway group state: %s; reading again in 5 s", e.toString());
                    sleepQuietly(5_000);
                }
            }
        }
    }

    private void apply(ConsumerRecord<byte[], byte[]> r) {
        String key = mapKey(r.key());
        if (r.value() == null) {
            groups.remove(key);
            return;
        }
        try {
            groups.put(key, new Entry(r.partition(), PushedGroupCodec.decode(r.value())));
        } catch (IllegalArgumentException e) {
            LOG.warnf("skipping an unreadable record at %s-%d offset %d: %s", r.topic(), r.partition(), r.offset(), e.getMessage());
        }
    }

    private static boolean caughtUp(Map<TopicPartition, Long> end, long[] positions) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (positions[e.getKey().partition()] < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    private static String mapKey(byte[] key) {
        return key == null ? "" : new String(key, StandardCharsets.ISO_8859_1);
    }

    private static void sleepQuietly(long millis) {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

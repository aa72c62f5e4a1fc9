package io.vigil.ingest.writer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vigil.ingest.kafka.KafkaSettings;
import io.vigil.kafka.SampleBatchCodec;
import io.vigil.kafka.SeriesBatch;
import io.vigil.kafka.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.jboss.logging.Logger;

/**
 * The writer's consume loop, on its own thread: poll → decode → write in one transaction → commit the
 * offsets. Offsets are committed only after the database committed, so a crash anywhere redelivers
 * the batch instead of losing it, and the unique (series_id, time) index makes the redelivery
 * harmless.
 *
 * <p>While the database is unreachable the loop keeps the batch, pauses its partitions (staying in the
 * consumer group) and retries with exponential backoff, without dropping anything. A batch the
 * database refuses for its content (not for being away) is written series by series so that one bad
 * series cannot stop the stream; the series it still refuses are logged and counted.
 */
@ApplicationScoped
public class SampleConsumer {
    private static final Logger LOG = Logger.getLogger(SampleConsumer.class);

    private final WriterConfig config;
    private final KafkaSettings kafka;
    private final BatchWriter writer;
    private final LateSampleMarker lateMarks;
    private final Counter samplesWritten;
    private final Counter badRecords;
    private final Counter writeFailures;
    private final Counter refusedSamples;
    private final Counter droppedDeltas;
    private volatile boolean running;
    private volatile boolean retrying;
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private Thread thread;

    SampleConsumer(WriterConfig config, KafkaSettings kafka, BatchWriter writer, LateSampleMarker lateMarks,
            MeterRegistry registry) {
        this.lateMarks = lateMarks;
        this.config = config;
        this.kafka = kafka;
        this.writer = writer;
        this.samplesWritten = registry.counter("vigil_writer_samples_written_total");
        this.badRecords = registry.counter("vigil_writer_bad_records_total");
        this.writeFailures = registry.counter("vigil_writer_write_failures_total");
        this.refusedSamples = registry.counter("vigil_writer_refused_samples_total");
        this.droppedDeltas = registry.counter("vigil_writer_delta_samples_dropped_total");
    }

    void onStart(@Observes StartupEvent event) {
        if (!config.enabled()) {
            LOG.info("writer role disabled");
            return;
        }
        running = true;
        thread = Thread.ofPlatform().name("vigil-writer").start(this::run);
    }

    void onStop(@Observes ShutdownEvent event) {
        running = false;
        KafkaConsumer<byte[], byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        if (thread != null) {
            try {
                thread.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run() {
        while (running) {
            try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(consumerConfig(), new ByteArrayDeserializer(),
                    new ByteArrayDeserializer())) {
                consumer = c;
                c.subscribe(List.of(Topics.SAMPLES), new PauseWhileRetrying(c));
                while (running) {
                    ConsumerRecords<byte[], byte[]> records = c.poll(Duration.ofMillis(500));
                    if (!records.isEmpty()) {
                        process(c, records);
                    }
                }
            } catch (WakeupException e) {
                // shutdown
            } catch (KafkaException | IllegalStateException e) {
                LOG.errorf("writer consumer failed, restarting it in 5 s: %s", e.toString());
                sleep(5_000);
            }
        }
    }

    private Map<String, Object> consumerConfig() {
        Map<String, Object> c = new HashMap<>();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        c.put(ConsumerConfig.GROUP_ID_CONFIG, config.groupId());
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, config.maxPollRecords());
        int pollBytes = (int) Math.min(Integer.MAX_VALUE, config.maxPollBytes().asLongValue());
        c.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, pollBytes);
        c.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Math.max(1, pollBytes / 4));
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.CLIENT_ID_CONFIG, "vigil-writer");
        return c;
    }

    private void process(KafkaConsumer<byte[], byte[]> c, ConsumerRecords<byte[], byte[]> records) {
        List<SeriesBatch> batches = new ArrayList<>(records.count());
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            offsets.put(new TopicPartition(r.topic(), r.partition()), new OffsetAndMetadata(r.offset() + 1));
            try {
                batches.addAll(SampleBatchCodec.decode(r.value()));
            } catch (IllegalArgumentException e) {
                // Not produced by our encoder: it can never be written, so retrying would stop the stream.
                badRecords.increment();
                LOG.errorf("skipping undecodable record %s-%d@%d: %s", r.topic(), r.partition(), r.offset(), e.getMessage());
            }
        }
        writeUntilStored(c, batches);
        lateMarks.afterCommit(batches, System.currentTimeMillis());
        commit(c, offsets);
    }

    private void writeUntilStored(KafkaConsumer<byte[], byte[]> c, List<SeriesBatch> batches) {
        long backoff = config.retryBackoff().toMillis();
        while (true) {
            try {
                BatchWriter.Outcome outcome = writer.write(batches);
                record(outcome);
                if (retrying) {
                    retrying = false;
                    c.resume(c.assignment());
                    LOG.info("database writes succeed again; writer resumed");
                }
                return;
            } catch (SQLException e) {
                if (isContentError(e)) {
                    writeOneByOne(batches);
                    return;
                }
                writeFailures.increment();
                if (!retrying) {
                    LOG.warnf("database write failed, keeping the batch and retrying: %s", e.getMessage());
                    retrying = true;
                    c.pause(c.assignment());
                }
                // Polling paused partitions keeps this consumer in its group while it waits.
                rewind(c, c.poll(Duration.ofMillis(backoff)));
                backoff = Math.min(backoff * 2, config.retryBackoffMax().toMillis());
                if (!running) {
                    throw new WakeupException();
                }
            }
        }
    }

    /** Records returned while paused (partitions assigned mid-retry) are fetched again later. */
    private static void rewind(KafkaConsumer<byte[], byte[]> c, ConsumerRecords<byte[], byte[]> records) {
        for (TopicPartition tp : records.partitions()) {
            c.seek(tp, records.records(tp).get(0).offset());
        }
    }

    private void writeOneByOne(List<SeriesBatch> batches) {
        for (SeriesBatch b : batches) {
            try {
                record(writer.write(List.of(b)));
            } catch (SQLException e) {
                if (!isContentError(e)) {
                    // The database went away in the middle: fall back to the retrying path for the rest.
                    throw new IllegalStateException("database unavailable while isolating a bad series", e);
                }
                refusedSamples.increment(b.count());
                LOG.errorf("database refused series %s (%d samples): %s", b.labels(), b.count(), e.getMessage());
            }
        }
    }

    /**
     * SQLSTATE classes 22 (data) and 23 (integrity): the content is refused and retrying cannot help.
     * Everything else (connection loss, a missing table before migrations ran) is retried.
     */
    static boolean isContentError(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("22") || state.startsWith("23"));
    }

    private void record(BatchWriter.Outcome outcome) {
        samplesWritten.increment(outcome.samples());
        refusedSamples.increment(outcome.refusedSamples());
        droppedDeltas.increment(outcome.droppedDeltas());
    }

    private void commit(KafkaConsumer<byte[], byte[]> c, Map<TopicPartition, OffsetAndMetadata> offsets) {
        offsets.keySet().retainAll(c.assignment());
        if (offsets.isEmpty()) {
            return;
        }
        try {
            c.commitSync(offsets);
        } catch (CommitFailedException e) {
            // A rebalance took the partitions away; the new owner re-reads and rewrites harmlessly.
            LOG.infof("offset commit lost to a rebalance; the batch will be redelivered: %s", e.getMessage());
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private final class PauseWhileRetrying implements ConsumerRebalanceListener {
        private final KafkaConsumer<byte[], byte[]> c;

        PauseWhileRetrying(KafkaConsumer<byte[], byte[]> c) {
            this.c = c;
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            if (retrying) {
                c.pause(partitions);
            }
        }
    }
}

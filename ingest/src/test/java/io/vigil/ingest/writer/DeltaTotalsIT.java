package io.vigil.ingest.writer;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vigil.ingest.StoredSamples;
import io.vigil.kafka.SampleBatchCodec;
import io.vigil.kafka.SampleRecordBuilder;
import io.vigil.kafka.SeriesBatch;
import io.vigil.kafka.Topics;
import io.vigil.model.Labels;
import io.vigil.testkit.VigilInfra;
import io.vigil.testkit.VigilInfraResource;
import io.vigil.wire.LabelBuffer;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/**
 * Delta series through the writer, against real Kafka and TimescaleDB: a Kafka record delivered twice
 * and a batch written again by a fresh writer (a restart after the database commit but before the
 * offset commit) are counted once; the running total continues from the database, not from memory.
 */
@QuarkusTest
@WithTestResource(value = VigilInfraResource.class)
class DeltaTotalsIT {
    @Inject
    AgroalDataSource dataSource;
    @Inject
    WriterConfig config;

    private static SeriesBatch delta(Labels labels, long[] times, double[] deltas) {
        return new SeriesBatch(labels.seriesId(), labels, times, deltas, times.length, true);
    }

    @Test
    void aRecordDeliveredTwiceIsCountedOnce() throws Exception {
        long t = System.currentTimeMillis() - 300_000;
        LabelBuffer labels = new LabelBuffer();
        labels.setName("it_delta_redelivered_total");
        labels.addLabel("job", "fn");
        SampleRecordBuilder records = new SampleRecordBuilder();
        records.reset(1);
        records.beginSeries(labels.seriesId(), SampleBatchCodec.FLAG_DELTA, labels);
        records.sample(t, 4);
        records.sample(t + 1_000, 6);
        records.finish();
        byte[] value = records.recordValue(0);
        try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, VigilInfra.kafka().bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new ByteArraySerializer(), new ByteArraySerializer())) {
            int partition = SampleBatchCodec.partitionOf(labels.seriesId(), p.partitionsFor(Topics.SAMPLES).size());
            for (int i = 0; i < 2; i++) {
                p.send(new ProducerRecord<>(Topics.SAMPLES, partition, SampleBatchCodec.key(labels.seriesId()), value)).get();
            }
            // A third delivery with one more, later delta: once it is stored, the duplicate was consumed too.
            records.reset(1);
            records.beginSeries(labels.seriesId(), SampleBatchCodec.FLAG_DELTA, labels);
            records.sample(t + 2_000, 1);
            records.finish();
            p.send(new ProducerRecord<>(Topics.SAMPLES, partition, SampleBatchCodec.key(labels.seriesId()),
                    records.recordValue(0))).get();
        }
        List<StoredSamples.Row> rows = StoredSamples.awaitRows("it_delta_redelivered_total", 3, Duration.ofSeconds(30));
        assertThat(rows).extracting(StoredSamples.Row::value).containsExactly(4.0, 10.0, 11.0);
    }

    @Test
    void aRestartedWriterRewritingABatchDoesNotCountItTwice() throws Exception {
        long t = System.currentTimeMillis() - 600_000;
        Labels series = Labels.of("it_delta_restart_total", Map.of("job", "fn", "instance", "a"));
        List<SeriesBatch> firstPoll = List.of(delta(series, new long[] {t, t + 10_000}, new double[] {2, 3}));
        BatchWriter.Outcome first = new BatchWriter(dataSource, config).write(firstPoll);
        assertThat(first.samples()).isEqualTo(2);

        // The process died before committing the offsets: the new one gets the same poll again.
        BatchWriter restarted = new BatchWriter(dataSource, config);
        BatchWriter.Outcome again = restarted.write(firstPoll);
        assertThat(again.samples()).isZero();
        assertThat(again.droppedDeltas()).isEqualTo(2);
        restarted.write(List.of(delta(series, new long[] {t + 20_000}, new double[] {5})));

        assertThat(StoredSamples.rows("it_delta_restart_total")).extracting(StoredSamples.Row::value)
                .containsExactly(2.0, 5.0, 10.0);
    }

    @Test
    void outOfOrderDeltasAreSortedWithinAPollAndLateOnesDropped() throws Exception {
        long t = System.currentTimeMillis() - 900_000;
        Labels series = Labels.of("it_delta_order_total", Map.of("job", "fn"));
        BatchWriter writer = new BatchWriter(dataSource, config);
        // Two records of one poll, the second older than the first: both counted, in time order.
        BatchWriter.Outcome poll = writer.write(List.of(delta(series, new long[] {t + 20_000}, new double[] {1}),
                delta(series, new long[] {t + 10_000, t + 10_000}, new double[] {4, 4})));
        assertThat(poll.droppedDeltas()).as("the second delta in the same millisecond").isEqualTo(1);
        // A later poll with a delta older than the newest counted one: dropped and counted.
        BatchWriter.Outcome late = writer.write(List.of(delta(series, new long[] {t + 15_000}, new double[] {100})));
        assertThat(late.droppedDeltas()).isEqualTo(1);
        List<StoredSamples.Row> rows = StoredSamples.rows("it_delta_order_total");
        assertThat(rows).extracting(StoredSamples.Row::value).containsExactly(4.0, 5.0);
        assertThat(rows).extracting(StoredSamples.Row::timeMillis).containsExactly(t + 10_000, t + 20_000);
    }
}

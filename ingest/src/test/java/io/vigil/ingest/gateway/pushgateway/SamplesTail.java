package io.vigil.ingest.gateway.pushgateway;

import io.vigil.kafka.SampleBatchCodec;
import io.vigil.kafka.SeriesBatch;
import io.vigil.kafka.Topics;
import io.vigil.model.Labels;
import io.vigil.testkit.VigilInfra;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Reads what lands on vigil.samples from the moment it was opened, as (labels, time, value) samples. */
final class SamplesTail implements AutoCloseable {
    record Sample(Labels labels, long time, double value) {
        boolean isStale() {
            return Double.doubleToRawLongBits(value) == 0x7ff0000000000002L;
        }
    }

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final List<Sample> seen = new ArrayList<>();

    SamplesTail() {
        consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", VigilInfra.kafka().bootstrapServers(),
                "enable.auto.commit", false), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.SAMPLES).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
    }

    /** Every sample read so far (and during the wait) that matches, once at least {@code count} do. */
    List<Sample> await(Predicate<Sample> filter, int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Sample> matching = matching(filter);
        while (matching.size() < count && System.nanoTime() < deadline) {
            poll(Duration.ofMillis(200));
            matching = matching(filter);
        }
        if (matching.size() < count) {
            throw new AssertionError("only " + matching.size() + " of " + count + " samples arrived: " + matching);
        }
        return matching;
    }

    /** Reads for {@code duration} and returns the matching samples. */
    List<Sample> during(Predicate<Sample> filter, Duration duration) {
        long deadline = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < deadline) {
            poll(Duration.ofMillis(200));
        }
        return matching(filter);
    }

    void forget() {
        poll(Duration.ofMillis(300));
        seen.clear();
    }

    private List<Sample> matching(Predicate<Sample> filter) {
        return seen.stream().filter(filter).toList();
    }

    private void poll(Duration d) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(d)) {
            for (SeriesBatch b : SampleBatchCodec.decode(r.value())) {
                for (int i = 0; i < b.count(); i++) {
                    seen.add(new Sample(b.labels(), b.timestamps()[i], b.values()[i]));
                }
            }
        }
    }

    static Predicate<Sample> series(String metric, String... labels) {
        return s -> {
            if (!s.labels().metricName().equals(metric) || s.labels().size() != labels.length / 2) {
                return false;
            }
            for (int i = 0; i < labels.length; i += 2) {
                if (!labels[i + 1].equals(s.labels().get(labels[i]))) {
                    return false;
                }
            }
            return true;
        };
    }

    @Override
    public void close() {
        consumer.close();
    }
}

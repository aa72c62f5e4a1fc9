package io.vigil.ingest.writer;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vigil.cache.LateSampleMarks;
import io.vigil.ingest.StoredSamples;
import io.vigil.kafka.SampleBatchCodec;
import io.vigil.kafka.Topics;
import io.vigil.model.Labels;
import io.vigil.testkit.VigilInfra;
import io.vigil.testkit.VigilInfraResource;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/**
 * A sample stored long after its timestamp marks its hour in Redis once committed, so the query
 * tier's cached blocks over that hour stop being served. A timely sample rides along in the same poll.
 */
@QuarkusTest
@WithTestResource(VigilInfraResource.class)
class LateSampleMarkerIT {
    @Inject
    RedisDataSource redis;

    @Test
    void aLateSampleMarksItsHourAfterCommit() throws Exception {
        long now = System.currentTimeMillis();
        long lateTime = now - 37 * 3_600_000L;
        long timelyTime = now - 5_000L;
        Labels late = Labels.of("it.writer.late", Map.of("host", "a"));
        Labels timely = Labels.of("it.writer.timely", Map.of("host", "a"));
        try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, VigilInfra.kafka().bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            p.send(new ProducerRecord<>(Topics.SAMPLES, SampleBatchCodec.key(late.seriesId()),
                    SampleBatchCodec.encode(late, new long[] {lateTime}, new double[] {1}, 1))).get();
            p.send(new ProducerRecord<>(Topics.SAMPLES, SampleBatchCodec.key(timely.seriesId()),
                    SampleBatchCodec.encode(timely, new long[] {timelyTime}, new double[] {1}, 1))).get();
        }
        StoredSamples.awaitRows("it.writer.late", 1, Duration.ofSeconds(30));
        StoredSamples.awaitRows("it.writer.timely", 1, Duration.ofSeconds(30));

        var values = redis.value(String.class, String.class);
        String lateMark = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (lateMark == null && System.nanoTime() < deadline) {
            lateMark = values.get(LateSampleMarks.key(LateSampleMarks.granuleOf(lateTime)));
            Thread.sleep(100);
        }
        assertThat(lateMark).as("mark of the late sample's hour").isNotNull();
        assertThat(Long.parseLong(lateMark)).isBetween(now, System.currentTimeMillis());
        assertThat(redis.key(String.class).ttl(LateSampleMarks.key(LateSampleMarks.granuleOf(lateTime))))
                .isBetween(LateSampleMarks.MARK_TTL_SECONDS - 60, LateSampleMarks.MARK_TTL_SECONDS);
        // Whether a timely sample marks nothing is decided by LateSampleMarks.isLate (LateSampleMarksTest):
        // here other ITs of this JVM may legitimately have marked the current hour.
    }
}

package io.vigil.ingest.writer;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vigil.ingest.StoredSamples;
import io.vigil.kafka.SampleBatchCodec;
import io.vigil.kafka.Topics;
import io.vigil.model.Labels;
import io.vigil.testkit.VigilInfra;
import io.vigil.testkit.VigilInfraResource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/**
 * With {@code vigil.writer.run-policy-jobs} on, the writer materializes the rollups by itself, as on
 * the embedded database of {@code ./vigil up}: nobody calls run_job or the admin endpoint here.
 */
@QuarkusTest
@TestProfile(ScheduledPolicyJobsIT.RunPolicyJobs.class)
@WithTestResource(VigilInfraResource.class)
class ScheduledPolicyJobsIT {

    public static class RunPolicyJobs implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("vigil.writer.run-policy-jobs", "true", "vigil.writer.policy-check-interval", "1s");
        }
    }

    @Test
    void rollupsAreMaterializedWithoutAnyoneAsking() throws Exception {
        Labels series = Labels.of("it.writer.scheduled", Map.of("host", "a"));
        long start = (System.currentTimeMillis() - 2 * 3_600_000L) / 60_000 * 60_000;
        long[] ts = new long[60];
        double[] vs = new double[60];
        for (int i = 0; i < ts.length; i++) {
            ts[i] = start + i * 10_000L;
            vs[i] = i;
        }
        try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, VigilInfra.kafka().bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            p.send(new ProducerRecord<>(Topics.SAMPLES, SampleBatchCodec.key(series.seriesId()),
                    SampleBatchCodec.encode(series, ts, vs, ts.length))).get();
        }
        StoredSamples.awaitRows("it.writer.scheduled", 60, Duration.ofSeconds(30));
        String materialized = materializationTable("samples_1m");
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        long buckets = 0;
        while (buckets < 10 && System.nanoTime() < deadline) {
            Thread.sleep(500);
            buckets = count("SELECT count(*) FROM " + materialized + " WHERE series_id = " + series.seriesId());
        }
        assertThat(buckets).as("1m buckets materialized by the writer's own policy runs").isEqualTo(10);
    }

    private static String materializationTable(String view) throws Exception {
        try (Connection c = VigilInfra.timescale().connect();
                PreparedStatement ps = c.prepareStatement("""
                        SELECT format('%I.%I', h.schema_name, h.table_name)
                        FROM _timescaledb_catalog.continuous_agg a
                        JOIN _timescaledb_catalog.hypertable h ON h.id = a.mat_hypertable_id
                        WHERE a.user_view_name = ?""")) {
            ps.setString(1, view);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    private static long count(String sql) throws Exception {
        try (Connection c = VigilInfra.timescale().connect(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}

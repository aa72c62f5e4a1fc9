package io.vigil.ingest.writer;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vigil.ingest.StoredSamples;
import io.vigil.kafka.SampleBatchCodec;
import io.vigil.kafka.Topics;
import io.vigil.model.Labels;
import io.vigil.testkit.VigilInfra;
import io.vigil.testkit.VigilInfraResource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/** The writer role against real Kafka and TimescaleDB: redelivery, bad records, collisions, rollups. */
@QuarkusTest
@WithTestResource(value = VigilInfraResource.class)
class WriterIT {

    private static void produce(byte[] key, byte[] value) throws Exception {
        try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, VigilInfra.kafka().bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new ByteArraySerializer(), new ByteArraySerializer())) {
            p.send(new ProducerRecord<>(Topics.SAMPLES, key, value)).get();
        }
    }

    private static byte[][] batch(Labels labels, long start, int n, double base) {
        long[] ts = new long[n];
        double[] vs = new double[n];
        for (int i = 0; i < n; i++) {
            ts[i] = start + i * 10_000L;
            vs[i] = base + i;
        }
        return new byte[][] {SampleBatchCodec.key(labels.seriesId()), SampleBatchCodec.encode(labels, ts, vs, n)};
    }

    @Test
    void redeliveredBatchesStoreEachSampleOnce() throws Exception {
        Labels series = Labels.of("it.writer.redelivered", Map.of("host", "a"));
        byte[][] record = batch(series, System.currentTimeMillis() - 600_000, 30, 0);
        for (int i = 0; i < 3; i++) {
            produce(record[0], record[1]);
        }
        // A later record on the same partition proves the three copies were all consumed.
        Labels marker = Labels.of("it.writer.redelivered", Map.of("host", "a", "marker", "yes"));
        byte[][] after = batch(marker, System.currentTimeMillis() - 600_000, 1, 0);
        produce(after[0], after[1]);
        StoredSamples.awaitRows("it.writer.redelivered", 31, Duration.ofSeconds(30));
        Thread.sleep(1000);
        assertThat(StoredSamples.rows("it.writer.redelivered")).hasSize(31);
    }

    @Test
    void undecodableRecordsAreSkippedWithoutStoppingTheStream() throws Exception {
        produce(new byte[8], "not a sample batch".getBytes());
        Labels series = Labels.of("it.writer.afterpoison", Map.of("host", "a"));
        byte[][] record = batch(series, System.currentTimeMillis() - 300_000, 5, 0);
        produce(record[0], record[1]);
        assertThat(StoredSamples.awaitRows("it.writer.afterpoison", 5, Duration.ofSeconds(30))).hasSize(5);
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).containsPattern("vigil_writer_bad_records_total(\\{[^}]*\\})? [1-9]");
    }

    @Test
    void aSecondSeriesWithATakenIdIsRefusedAndReported() throws Exception {
        Labels series = Labels.of("it.writer.collision", Map.of("host", "new"));
        try (Connection c = VigilInfra.timescale().connect();
                PreparedStatement ps = c.prepareStatement("INSERT INTO series VALUES (?, 'it.writer.other', "
                        + "'{\"host\":\"old\"}', now(), now())")) {
            ps.setLong(1, series.seriesId());
            ps.executeUpdate();
        }
        byte[][] record = batch(series, System.currentTimeMillis() - 300_000, 4, 0);
        produce(record[0], record[1]);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        long refused = 0;
        while (refused == 0 && System.nanoTime() < deadline) {
            try (Connection c = VigilInfra.timescale().connect();
                    PreparedStatement ps = c.prepareStatement(
                            "SELECT samples_refused FROM series_collisions WHERE series_id = ? AND metric_name = ?")) {
                ps.setLong(1, series.seriesId());
                ps.setString(2, "it.writer.collision");
                try (ResultSet rs = ps.executeQuery()) {
                    refused = rs.next() ? rs.getLong(1) : 0;
                }
            }
            Thread.sleep(200);
        }
        assertThat(refused).isEqualTo(4);
        // Nothing was mixed into the series that owns the id.
        try (Connection c = VigilInfra.timescale().connect();
                PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM samples WHERE series_id = ?")) {
            ps.setLong(1, series.seriesId());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertThat(rs.getLong(1)).isZero();
            }
        }
    }

    @Test
    void policyJobsMaterializeRollupsEqualToTheRawSamples() throws Exception {
        Labels series = Labels.of("it.writer.rollup", Map.of("host", "a"));
        long start = (System.currentTimeMillis() - 3 * 3_600_000L) / 3_600_000L * 3_600_000L;
        byte[][] record = batch(series, start, 360, 0.5); // one hour at 10 s
        produce(record[0], record[1]);
        StoredSamples.awaitRows("it.writer.rollup", 360, Duration.ofSeconds(30));
        given().post("/api/v1/admin/policy-jobs/run").then().statusCode(200);
        // The refresh really materialized the hour (not only the real-time part of the view answers).
        for (String view : new String[] {"samples_1m", "samples_1h"}) {
            try (Connection c = VigilInfra.timescale().connect();
                    PreparedStatement ps = c.prepareStatement("""
                            SELECT _timescaledb_functions.to_timestamp(_timescaledb_functions.cagg_watermark(mat_hypertable_id))
                            FROM _timescaledb_catalog.continuous_agg WHERE user_view_name = ?""")) {
                ps.setString(1, view);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    assertThat(rs.getTimestamp(1).getTime()).as(view + " watermark").isGreaterThanOrEqualTo(start + 3_600_000L);
                }
            }
        }
        try (Connection c = VigilInfra.timescale().connect();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT count(*), sum(count), min(min), max(max), sum(sum) FROM samples_1m WHERE series_id = ?")) {
            ps.setLong(1, series.seriesId());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(60);     // 60 one-minute buckets
                assertThat(rs.getLong(2)).isEqualTo(360);    // every sample counted once
                assertThat(rs.getDouble(3)).isEqualTo(0.5);
                assertThat(rs.getDouble(4)).isEqualTo(359.5);
                assertThat(rs.getDouble(5)).isEqualTo(360 * 0.5 + 359 * 360 / 2.0);
            }
        }
        try (Connection c = VigilInfra.timescale().connect();
                PreparedStatement ps = c.prepareStatement("""
                        SELECT count, min, max, first, last FROM samples_1h WHERE series_id = ? AND bucket = to_timestamp(?)""")) {
            ps.setLong(1, series.seriesId());
            ps.setLong(2, start / 1000);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).isEqualTo(360);
                assertThat(rs.getDouble(2)).isEqualTo(0.5);
                assertThat(rs.getDouble(3)).isEqualTo(359.5);
                assertThat(rs.getDouble(4)).isEqualTo(0.5);
                assertThat(rs.getDouble(5)).isEqualTo(359.5);
            }
        }
    }
}

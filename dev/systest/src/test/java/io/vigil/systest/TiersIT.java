package io.vigil.systest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.kafka.SampleBatchCodec;
import io.vigil.kafka.Topics;
import io.vigil.model.Labels;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/**
 * Time travel through the tiers. Samples from 40 days, 10 days and 1 hour ago enter through Kafka (the
 * gateway refuses samples older than its accepted lateness; a backfill uses the same record encoding).
 * The rollups are refreshed over the whole span, as the refresh policies did while the data was
 * young; then the policy jobs run. Raw samples older than 7 days and 1m buckets older than 30 days
 * must be gone, the 1h buckets remain, every rollup value equals what the raw samples gave, and the
 * range API answers the 10-day-old range from 1m and the 40-day-old one from 1h.
 */
class TiersIT {
    private static final long HOUR = 3_600_000L;
    private static final long DAY = 24 * HOUR;
    private static final int SAMPLES = 720; // two hours at 10 s
    private final VigilSystem system = SharedSystem.get();

    private static long hourAligned(long ageMillis) {
        return (System.currentTimeMillis() - ageMillis) / HOUR * HOUR;
    }

    private static double value(long t) {
        return Math.sin(t / 1e7) * 50 + (t / 10_000 % 7);
    }

    @Test
    void rollupsKeepExactlyWhatRawGaveAfterRetentionDropsRaw() throws Exception {
        Labels series = Labels.of("sys.tiers.load", Map.of("host", "t1", "pool", "p7"));
        long[] starts = {hourAligned(40 * DAY), hourAligned(10 * DAY), hourAligned(2 * HOUR)};
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, system.kafka.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            for (long start : starts) {
                long[] ts = new long[SAMPLES];
                double[] vs = new double[SAMPLES];
                for (int i = 0; i < SAMPLES; i++) {
                    ts[i] = start + i * 10_000L;
                    vs[i] = value(ts[i]);
                }
                producer.send(new ProducerRecord<>(Topics.SAMPLES, SampleBatchCodec.key(series.seriesId()),
                        SampleBatchCodec.encode(series, ts, vs, SAMPLES))).get();
            }
        }
        assertThat(Pushes.awaitStored(system, "sys.tiers.load", 3 * SAMPLES, Duration.ofSeconds(60))).isEqualTo(3 * SAMPLES);
        long id = series.seriesId();
        Map<Long, String> raw1m = rawBuckets(id, "1 minute");
        Map<Long, String> raw1h = rawBuckets(id, "1 hour");

        system.execute("CALL refresh_continuous_aggregate('samples_1m', now() - INTERVAL '41 days', now() - INTERVAL '1 hour')");
        system.execute("CALL refresh_continuous_aggregate('samples_1h', now() - INTERVAL '41 days', now() - INTERVAL '1 hour')");
        HttpResponse<String> jobs = VigilSystem.post(system.writer.url("/api/v1/admin/policy-jobs/run"), "");
        assertThat(jobs.statusCode()).as(jobs.body()).isEqualTo(200);
        JsonNode ran = VigilSystem.JSON.readTree(jobs.body());
        assertThat(ran.findValuesAsText("proc")).contains("policy_retention", "policy_refresh_continuous_aggregate",
                "policy_compression");
        ran.forEach(job -> assertThat(job.get("error").isNull()).as(job.toString()).isTrue());

        // raw: only the recent samples remain
        assertThat(system.sql("SELECT count(*) FROM samples WHERE series_id = " + id)).isEqualTo(SAMPLES);
        // 1m: the 40-day-old buckets are gone, the 10-day-old ones remain and equal the raw aggregates
        Map<Long, String> kept1m = rollupBuckets("samples_1m", id, starts[0], starts[1] + 2 * HOUR);
        assertThat(kept1m).hasSize(120);
        kept1m.forEach((bucket, values) -> assertThat(values).as("1m @" + bucket).isEqualTo(raw1m.get(bucket)));
        // 1h: both old periods remain and equal the raw aggregates
        Map<Long, String> kept1h = rollupBuckets("samples_1h", id, starts[0], starts[1] + 2 * HOUR);
        assertThat(kept1h).hasSize(4);
        kept1h.forEach((bucket, values) -> assertThat(values).as("1h @" + bucket).isEqualTo(raw1h.get(bucket)));

        JsonNode tenDays = system.range("metric", "sys.tiers.load", "match", "host:t1", "start",
                Long.toString(starts[1] / 1000), "end", Long.toString(starts[1] / 1000 + 7199), "step", "60", "agg", "max");
        assertThat(tenDays.get("tier").asText()).isEqualTo("1m");
        assertThat(tenDays.get("series").get(0).get("points")).hasSize(120);
        JsonNode fortyDays = system.range("metric", "sys.tiers.load", "start", Long.toString(starts[0] / 1000),
                "end", Long.toString(starts[0] / 1000 + 7199), "step", "3600", "agg", "count");
        assertThat(fortyDays.get("tier").asText()).isEqualTo("1h");
        assertThat(fortyDays.get("cached").asBoolean()).isFalse();
        assertThat(fortyDays.get("series").get(0).get("points").get(0).get(1).asLong()).isEqualTo(360);
        assertThat(fortyDays.get("series").get(0).get("points").get(1).get(1).asLong()).isEqualTo(360);
        JsonNode again = system.range("metric", "sys.tiers.load", "start", Long.toString(starts[0] / 1000),
                "end", Long.toString(starts[0] / 1000 + 7199), "step", "3600", "agg", "count");
        assertThat(again.get("cached").asBoolean()).isTrue();
        assertThat(again.get("series")).isEqualTo(fortyDays.get("series"));
    }

    /** min, max, sum, count, first, last per bucket from raw samples, as text for exact comparison. */
    private Map<Long, String> rawBuckets(long id, String width) throws Exception {
        return buckets("SELECT (extract(epoch FROM time_bucket('" + width + "', time)) * 1000)::bigint, min(value), max(value), "
                + "sum(value), count(*), first(value, time), last(value, time) FROM samples WHERE series_id = " + id
                + " GROUP BY 1 ORDER BY 1");
    }

    private Map<Long, String> rollupBuckets(String view, long id, long from, long to) throws Exception {
        return buckets("SELECT (extract(epoch FROM bucket) * 1000)::bigint, min, max, sum, count, first, last FROM " + view
                + " WHERE series_id = " + id + " AND bucket >= to_timestamp(" + from / 1000 + ") AND bucket < to_timestamp("
                + to / 1000 + ") ORDER BY 1");
    }

    private Map<Long, String> buckets(String sql) throws Exception {
        Map<Long, String> out = new TreeMap<>();
        try (Connection c = system.db.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                // sums are compared to 1e-9 relative: the rollup adds per-minute sums, raw adds samples
                double sum = rs.getDouble(4);
                out.put(rs.getLong(1), String.format("min=%s max=%s sum=%.9e count=%d first=%s last=%s", rs.getDouble(2),
                        rs.getDouble(3), sum, rs.getLong(5), rs.getDouble(6), rs.getDouble(7)));
            }
        }
        return out;
    }
}

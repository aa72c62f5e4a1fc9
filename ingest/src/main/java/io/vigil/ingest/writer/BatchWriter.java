package io.vigil.ingest.writer;

import io.agroal.api.AgroalDataSource;
import io.vigil.kafka.SeriesBatch;
import io.vigil.model.Labels;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Writes decoded sample batches in one transaction: new series into the catalogue, delta series
 * turned into running totals ({@link DeltaTotals}), then all samples with one
 * {@code INSERT … SELECT FROM unnest(…)}. Redelivered samples hit the unique
 * (series_id, time) index and are skipped, so writing the same batch twice stores it once.
 *
 * <p>A label set whose id is already taken by a different series is refused: its samples are not
 * written, and the refusal is recorded in {@code series_collisions} and logged.
 */
@ApplicationScoped
public class BatchWriter {
    private static final Logger LOG = Logger.getLogger(BatchWriter.class);

    static final String UPSERT_SERIES = """
            INSERT INTO series (id, metric_name, labels, first_seen, last_seen)
            SELECT u.id, u.name, u.labels::jsonb, now(), now()
            FROM unnest(?::bigint[], ?::text[], ?::text[]) AS u(id, name, labels)
            ON CONFLICT (id) DO UPDATE SET last_seen = now()
              WHERE series.metric_name = EXCLUDED.metric_name AND series.labels = EXCLUDED.labels
            RETURNING id""";

    static final String INSERT_SAMPLES = """
            INSERT INTO samples (time, series_id, value)
            SELECT 'epoch'::timestamptz + u.t * INTERVAL '1 millisecond', u.id, u.v
            FROM unnest(?::bigint[], ?::bigint[], ?::float8[]) AS u(t, id, v)
            ON CONFLICT (series_id, time) DO NOTHING""";

    static final String RECORD_COLLISION = """
            INSERT INTO series_collisions (series_id, metric_name, labels, first_refused, last_refused, samples_refused)
            VALUES (?, ?, ?::jsonb, now(), now(), ?)
            ON CONFLICT (series_id, metric_name, labels) DO UPDATE
              SET last_refused = now(), samples_refused = series_collisions.samples_refused + EXCLUDED.samples_refused""";

    private final AgroalDataSource dataSource;
    private final KnownSeries known = new KnownSeries(1 << 16);
    private final long refreshMillis;

    BatchWriter(AgroalDataSource dataSource, WriterConfig config) {
        this.dataSource = dataSource;
        this.refreshMillis = config.catalogueRefresh().toMillis();
    }

    /** What one write did. */
    public record Outcome(int samples, int newOrRefreshedSeries, int collidingSeries, int refusedSamples,
            int droppedDeltas) {
    }

    /** Writes everything or nothing; throws on any database error (the caller retries). */
    public synchronized Outcome write(List<SeriesBatch> batches) throws SQLException {
        long now = System.currentTimeMillis();
        Map<Long, Labels> toUpsert = new HashMap<>();
        Map<Long, Long> fingerprints = new HashMap<>();
        Set<Labels> colliding = new HashSet<>();
        for (SeriesBatch b : batches) {
            long fp = KnownSeries.fingerprint(b.labels().canonicalBytes());
            long id = b.seriesId();
            if (known.contains(id)) {
                if (known.fingerprint(id) != fp) {
                    colliding.add(b.labels());
                } else if (now - known.touchedAt(id) >= refreshMillis) {
                    toUpsert.putIfAbsent(id, b.labels());
                    fingerprints.put(id, fp);
                }
            } else {
                Labels first = toUpsert.putIfAbsent(id, b.labels());
                if (first != null && !first.equals(b.labels())) {
                    colliding.add(b.labels());
                } else {
                    fingerprints.put(id, fp);
                }
            }
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                Set<Long> confirmed = upsertSeries(c, toUpsert);
                for (Map.Entry<Long, Labels> e : toUpsert.entrySet()) {
                    if (!confirmed.contains(e.getKey())) {
                        colliding.add(e.getValue());
                    }
                }
                DeltaTotals.Result accumulated = DeltaTotals.accumulate(c, batches, colliding);
                int[] counts = insertSamples(c, accumulated.batches(), colliding);
                if (!colliding.isEmpty()) {
                    recordCollisions(c, batches, colliding);
                }
                c.commit();
                for (Long id : confirmed) {
                    known.put(id, fingerprints.get(id), now);
                }
                return new Outcome(counts[0], confirmed.size(), colliding.size(), counts[1], accumulated.droppedDeltas());
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c);
                throw e;
            }
        }
    }

    private Set<Long> upsertSeries(Connection c, Map<Long, Labels> series) throws SQLException {
        Set<Long> confirmed = new HashSet<>();
        if (series.isEmpty()) {
            return confirmed;
        }
        int n = series.size();
        long[] ids = new long[n];
        String[] names = new String[n];
        String[] labels = new String[n];
        int i = 0;
        for (Map.Entry<Long, Labels> e : series.entrySet()) {
            ids[i] = e.getKey();
            names[i] = e.getValue().metricName();
            labels[i] = LabelsJson.of(e.getValue());
            i++;
        }
        try (PreparedStatement ps = c.prepareStatement(UPSERT_SERIES)) {
            ps.setArray(1, pgArray(c, "int8", ids));
            ps.setArray(2, c.createArrayOf("text", names));
            ps.setArray(3, c.createArrayOf("text", labels));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    confirmed.add(rs.getLong(1));
                }
            }
        }
        return confirmed;
    }

    /** Returns {stored, refused}. */
    private static int[] insertSamples(Connection c, List<SeriesBatch> batches, Set<Labels> colliding) throws SQLException {
        int total = 0;
        for (SeriesBatch b : batches) {
            total += b.count();
        }
        long[] ts = new long[total];
        long[] ids = new long[total];
        double[] vs = new double[total];
        int n = 0;
        int refused = 0;
        for (SeriesBatch b : batches) {
            if (!colliding.isEmpty() && colliding.contains(b.labels())) {
                refused += b.count();
                continue;
            }
            System.arraycopy(b.timestamps(), 0, ts, n, b.count());
            System.arraycopy(b.values(), 0, vs, n, b.count());
            java.util.Arrays.fill(ids, n, n + b.count(), b.seriesId());
            n += b.count();
        }
        if (n > 0) {
            try (PreparedStatement ps = c.prepareStatement(INSERT_SAMPLES)) {
                ps.setArray(1, pgArray(c, "int8", n == total ? ts : java.util.Arrays.copyOf(ts, n)));
                ps.setArray(2, pgArray(c, "int8", n == total ? ids : java.util.Arrays.copyOf(ids, n)));
                ps.setArray(3, pgArray(c, "float8", n == total ? vs : java.util.Arrays.copyOf(vs, n)));
                ps.executeUpdate();
            }
        }
        return new int[] {n, refused};
    }

    private static void recordCollisions(Connection c, List<SeriesBatch> batches, Set<Labels> colliding) throws SQLException {
        Map<Labels, long[]> refused = new HashMap<>();
        for (SeriesBatch b : batches) {
            if (colliding.contains(b.labels())) {
                refused.computeIfAbsent(b.labels(), l -> new long[1])[0] += b.count();
            }
        }
        try (PreparedStatement ps = c.prepareStatement(RECORD_COLLISION)) {
            for (Map.Entry<Labels, long[]> e : refused.entrySet()) {
                LOG.errorf("series id collision: %s hashes to %s, which belongs to another series; %d samples refused",
                        e.getKey(), Long.toUnsignedString(e.getKey().seriesId(), 16), e.getValue()[0]);
                ps.setLong(1, e.getKey().seriesId());
                ps.setString(2, e.getKey().metricName());
                ps.setString(3, LabelsJson.of(e.getKey()));
                ps.setLong(4, e.getValue()[0]);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Primitive arrays go to pgjdbc unboxed (java.sql.Connection only takes Object[]). */
    static java.sql.Array pgArray(Connection c, String type, Object primitiveArray) throws SQLException {
        return c.unwrap(org.postgresql.PGConnection.class).createArrayOf(type, primitiveArray);
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException e) {
            LOG.debugf("rollback failed after a write error: %s", e.getMessage());
        }
    }

}

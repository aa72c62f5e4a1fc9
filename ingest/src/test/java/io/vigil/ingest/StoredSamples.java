package io.vigil.ingest;

import io.vigil.testkit.VigilInfra;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Reads what the writer stored, straight from TimescaleDB. */
public final class StoredSamples {
    public record Row(String labels, long timeMillis, double value) {
    }

    private StoredSamples() {
    }

    public static List<Row> rows(String metric) throws SQLException {
        try (Connection c = VigilInfra.timescale().connect();
                PreparedStatement ps = c.prepareStatement("""
                        SELECT s.labels::text, (extract(epoch FROM x.time) * 1000)::bigint, x.value
                        FROM samples x JOIN series s ON s.id = x.series_id
                        WHERE s.metric_name = ? ORDER BY x.time, s.labels::text""")) {
            ps.setString(1, metric);
            List<Row> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Row(rs.getString(1), rs.getLong(2), rs.getDouble(3)));
                }
            }
            return rows;
        }
    }

    /** The raw IEEE-754 bits of every stored value of a metric, by time (NaN payloads included). */
    public static List<Long> valueBits(String metric) throws SQLException {
        try (Connection c = VigilInfra.timescale().connect();
                PreparedStatement ps = c.prepareStatement("""
                        SELECT float8send(x.value) FROM samples x JOIN series s ON s.id = x.series_id
                        WHERE s.metric_name = ? ORDER BY x.time, s.labels::text""")) {
            ps.setString(1, metric);
            List<Long> bits = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    bits.add(java.nio.ByteBuffer.wrap(rs.getBytes(1)).getLong());
                }
            }
            return bits;
        }
    }

    public static long count(String metric) {
        try {
            return rows(metric).size();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits until at least {@code n} rows are stored, then returns them all. */
    public static List<Row> awaitRows(String metric, int n, Duration timeout) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Row> rows = rows(metric);
        while (rows.size() < n) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("expected " + n + " stored samples of " + metric + ", found " + rows);
            }
            Thread.sleep(200);
            rows = rows(metric);
        }
        return rows;
    }
}

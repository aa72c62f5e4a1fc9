package io.vigil.query.storage;

import io.vigil.model.Labels;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * Test data written straight into the catalogue and the samples hypertable, as the ingest writer
 * stores it: id from {@link Labels#seriesId()}, labels jsonb without the metric name. NaN values are
 * inserted one by one as binary float8 parameters so their bits (a staleness marker's payload) reach
 * the table unchanged; other values in one {@code unnest} statement.
 */
public final class SeriesTables {
    private final Connection connection;

    public SeriesTables(Connection connection) {
        this.connection = connection;
    }

    /** Adds (or refreshes) a catalogue row; returns the series id. */
    public long series(String metric, Map<String, String> labels, long firstSeenMillis, long lastSeenMillis)
            throws SQLException {
        long id = Labels.of(metric, labels).seriesId();
        try (PreparedStatement ps = connection.prepareStatement("""
                INSERT INTO series VALUES (?, ?, ?::jsonb, 'epoch'::timestamptz + ? * INTERVAL '1 millisecond',
                                           'epoch'::timestamptz + ? * INTERVAL '1 millisecond')
                ON CONFLICT (id) DO UPDATE SET first_seen = least(series.first_seen, EXCLUDED.first_seen),
                                            last_seen = greatest(series.last_seen, EXCLUDED.last_seen)""")) {
            ps.setLong(1, id);
            ps.setString(2, metric);
            ps.setString(3, json(labels));
            ps.setLong(4, firstSeenMillis);
            ps.setLong(5, lastSeenMillis);
            ps.executeUpdate();
        }
        return id;
    }

    /** Adds samples to a series (times in ms, any order); a sample already stored at a time is kept. */
    public void samples(long id, long[] times, double[] values) throws SQLException {
        int finite = 0;
        long[] t = new long[times.length];
        double[] v = new double[times.length];
        try (PreparedStatement nan = connection.prepareStatement("INSERT INTO samples VALUES "
                + "('epoch'::timestamptz + ? * INTERVAL '1 millisecond', ?, ?) ON CONFLICT DO NOTHING")) {
            for (int i = 0; i < times.length; i++) {
                if (Double.isNaN(values[i])) {
                    nan.setLong(1, times[i]);
                    nan.setLong(2, id);
                    nan.setDouble(3, values[i]);
                    nan.executeUpdate();
                } else {
                    t[finite] = times[i];
                    v[finite++] = values[i];
                }
            }
        }
        if (finite == 0) {
            return;
        }
        var pg = connection.unwrap(org.postgresql.PGConnection.class);
        try (PreparedStatement ps = connection.prepareStatement("""
                INSERT INTO samples SELECT 'epoch'::timestamptz + u.t * INTERVAL '1 millisecond', ?, u.v
                FROM unnest(?::bigint[], ?::float8[]) AS u(t, v) ON CONFLICT DO NOTHING""")) {
            ps.setLong(1, id);
            ps.setArray(2, pg.createArrayOf("int8", Arrays.copyOf(t, finite)));
            ps.setArray(3, pg.createArrayOf("float8", Arrays.copyOf(v, finite)));
            ps.executeUpdate();
        }
    }

    /** Removes series and their samples (rollups follow at the next refresh of their range). */
    public void delete(long... ids) throws SQLException {
        var pg = connection.unwrap(org.postgresql.PGConnection.class);
        for (String sql : new String[] {"DELETE FROM samples WHERE series_id = ANY(?)", "DELETE FROM series WHERE id = ANY(?)"}) {
            try (PreparedStatement ps = connection.prepareStatement(sql)) {
                ps.setArray(1, pg.createArrayOf("int8", ids));
                ps.executeUpdate();
            }
        }
    }

    /** Materializes both rollup tiers over [fromMillis, toMillis), 1m first since 1h is built on it. */
    public void refreshRollups(long fromMillis, long toMillis) throws SQLException {
        try (Statement s = connection.createStatement()) {
            for (String view : new String[] {"samples_1m", "samples_1h"}) {
                s.execute("CALL refresh_continuous_aggregate('" + view + "', 'epoch'::timestamptz + "
                        + Math.floorDiv(fromMillis, 3_600_000L) * 3_600_000L + " * INTERVAL '1 millisecond', 'epoch'::timestamptz + "
                        + (Math.floorDiv(toMillis, 3_600_000L) + 1) * 3_600_000L + " * INTERVAL '1 millisecond')");
            }
        }
    }

    private static String json(Map<String, String> labels) {
        StringBuilder sb = new StringBuilder("{");
        for (Map.Entry<String, String> e : new TreeMap<>(labels).entrySet()) {
            if (sb.length() > 1) {
                sb.append(',');
            }
            sb.append(quote(e.getKey())).append(':').append(quote(e.getValue()));
        }
        return sb.append('}').toString();
    }

    private static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}

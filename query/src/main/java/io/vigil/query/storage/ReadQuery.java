package io.vigil.query.storage;

import io.agroal.api.AgroalDataSource;
import io.vigil.query.promql.QueryException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Runs one read-only statement and streams its rows to a handler, {@code fetchSize} rows per round
 * trip (pgjdbc only streams inside a transaction), so a handler that refuses a query over its limits
 * stops the read instead of waiting for the whole answer in memory. Parameters may be String, Long,
 * Integer, Instant (bound as timestamptz) or String[] (text[]); SQL errors become {@link
 * QueryException}s: UNAVAILABLE when the database cannot be reached, INTERNAL otherwise.
 */
final class ReadQuery {
    /** The earliest and latest instants PostgreSQL's timestamptz holds comfortably; bounds are clamped. */
    static final Instant MIN_TIME = Instant.parse("-4000-01-01T00:00:00Z");
    static final Instant MAX_TIME = Instant.parse("+99999-01-01T00:00:00Z");

    /** Handles one row; returns false to stop reading. */
    interface Rows {
        boolean next(ResultSet rs) throws SQLException;
    }

    private ReadQuery() {
    }

    static void run(AgroalDataSource dataSource, String sql, List<Object> params, int fetchSize, Rows rows) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setFetchSize(fetchSize);
                for (int i = 0; i < params.size(); i++) {
                    bind(c, ps, i + 1, params.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next() && rows.next(rs)) {
                        // the handler consumed the row
                    }
                }
            } finally {
                c.rollback(); // read-only: nothing to keep, and no transaction left open on the backend
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /** An instant in milliseconds as a timestamptz parameter, clamped to what the column type holds. */
    static Instant time(long millis) {
        Instant t = Instant.ofEpochMilli(millis);
        return t.isBefore(MIN_TIME) ? MIN_TIME : t.isAfter(MAX_TIME) ? MAX_TIME : t;
    }

    private static void bind(Connection c, PreparedStatement ps, int index, Object value) throws SQLException {
        switch (value) {
            case String s -> ps.setString(index, s);
            case Long l -> ps.setLong(index, l);
            case Integer i -> ps.setInt(index, i);
            case Instant t -> ps.setObject(index, OffsetDateTime.ofInstant(t, ZoneOffset.UTC));
            case String[] a -> ps.setArray(index, c.createArrayOf("text", a));
            case long[] a -> ps.setArray(index, c.unwrap(org.postgresql.PGConnection.class).createArrayOf("int8", a));
            default -> throw new IllegalArgumentException("unsupported parameter " + value.getClass());
        }
    }

    static QueryException failure(SQLException e) {
        String state = e.getSQLState();
        boolean unreachable = state == null || state.startsWith("08") || state.startsWith("57P");
        return unreachable
                ? new QueryException(QueryException.Kind.UNAVAILABLE, "storage unavailable: " + e.getMessage(), e)
                : new QueryException(QueryException.Kind.INTERNAL, "storage query failed: " + e.getMessage(), e);
    }
}

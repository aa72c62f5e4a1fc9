package io.vigil.notify.log;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;

/**
 * The delivery log in the database (db-migrations V5): the state of every (notification, receiver),
 * which makes delivery idempotent across crashes and redeliveries, and every attempt, for operators.
 */
@ApplicationScoped
public class DeliveryLog {
    /** Final states: a notification in one of them is never sent to that receiver again. */
    public static final String DELIVERED = "delivered";
    public static final String DEAD = "dead";
    public static final String RETRYING = "retrying";

    private final AgroalDataSource dataSource;

    DeliveryLog(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** One attempt as the API shows it. */
    public record AttemptRow(long id, java.time.Instant time, String notificationId, String receiver, String channel,
            String outcome, Integer statusCode, int latencyMs, String detail) {
    }

    /**
     * Starts an attempt in one statement: unless (notification, receiver) already reached a final state,
     * it becomes 'sending' with one more attempt counted (if notify dies before {@link #record}, it stays
     * 'sending', and a redelivery sends again). Returns the state now stored, so a final state means: do
     * not send.
     */
    public String beginAttempt(String notificationId, String receiver) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                INSERT INTO notification_deliveries VALUES (?, ?, 'sending', 1, now(), now())
                ON CONFLICT (notification_id, receiver) DO UPDATE SET
                  state = CASE WHEN notification_deliveries.state IN ('delivered', 'dead')
                               THEN notification_deliveries.state ELSE 'sending' END,
                  attempts = notification_deliveries.attempts
                             + CASE WHEN notification_deliveries.state IN ('delivered', 'dead') THEN 0 ELSE 1 END,
                  last_attempt = CASE WHEN notification_deliveries.state IN ('delivered', 'dead')
                                      THEN notification_deliveries.last_attempt ELSE now() END
                RETURNING state""")) {
            ps.setString(1, notificationId);
            ps.setString(2, receiver);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    /** Records an attempt's outcome and the resulting state, in one transaction. */
    public void record(String notificationId, String receiver, String channel, String outcome, int statusCode, long latencyMs,
            String detail, String newState) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement attempt = c.prepareStatement("""
                    INSERT INTO delivery_attempts (time, notification_id, receiver, channel, outcome, status_code, latency_ms, detail)
                    VALUES (now(), ?, ?, ?, ?, ?, ?, ?)""");
                    PreparedStatement state = c.prepareStatement("""
                            INSERT INTO notification_deliveries VALUES (?, ?, ?, 0, now(), now())
                            ON CONFLICT (notification_id, receiver) DO UPDATE SET state = EXCLUDED.state, last_attempt = now()""")) {
                attempt.setString(1, notificationId);
                attempt.setString(2, receiver);
                attempt.setString(3, channel);
                attempt.setString(4, outcome);
                if (statusCode > 0) {
                    attempt.setInt(5, statusCode);
                } else {
                    attempt.setNull(5, java.sql.Types.INTEGER);
                }
                attempt.setInt(6, (int) Math.min(Integer.MAX_VALUE, latencyMs));
                attempt.setString(7, detail);
                attempt.executeUpdate();
                if (newState != null) {
                    state.setString(1, notificationId);
                    state.setString(2, receiver);
                    state.setString(3, newState);
                    state.executeUpdate();
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** The newest attempts, optionally for one receiver and/or one notification. */
    public List<AttemptRow> recent(String receiver, String notificationId, int limit) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                SELECT id, time, notification_id, receiver, channel, outcome, status_code, latency_ms, detail
                FROM delivery_attempts
                WHERE (?::text IS NULL OR receiver = ?) AND (?::text IS NULL OR notification_id = ?)
                ORDER BY id DESC LIMIT ?""")) {
            ps.setString(1, receiver);
            ps.setString(2, receiver);
            ps.setString(3, notificationId);
            ps.setString(4, notificationId);
            ps.setInt(5, limit);
            List<AttemptRow> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Timestamp t = rs.getTimestamp(2);
                    int status = rs.getInt(7);
                    rows.add(new AttemptRow(rs.getLong(1), t.toInstant(), rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getString(6), rs.wasNull() ? null : status, rs.getInt(8), rs.getString(9)));
                }
            }
            return rows;
        }
    }
}

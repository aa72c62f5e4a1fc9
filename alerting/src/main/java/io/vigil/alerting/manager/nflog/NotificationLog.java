package io.vigil.alerting.manager.nflog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.scheduler.Scheduled;
import io.vigil.alerting.ha.Leases;
import io.vigil.kafka.NotificationCodec;
import io.vigil.model.Notification;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The notification log and the outbox ({@code notification_log}, {@code notification_outbox}, V9). A
 * notification is decided in one transaction that checks the dispatcher lease (fencing), advances the
 * log entry of its (receiver, group) and puts the encoded notification in the outbox; the publisher
 * sends it afterwards. Its id is derived once, here, from receiver, group key, sequence and decision
 * time, and travels with the outbox row: a republished row keeps it.
 */
@ApplicationScoped
public class NotificationLog {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<TreeSet<String>> SET = new TypeReference<>() {
    };

    private final AgroalDataSource dataSource;
    private final Leases leases;

    NotificationLog(AgroalDataSource dataSource, Leases leases) {
        this.dataSource = dataSource;
        this.leases = leases;
    }

    public Optional<LogEntry> get(String receiver, String groupKey) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT firing::text, resolved::text, sent_at, sequence FROM notification_log WHERE receiver = ? AND group_key = ?")) {
            ps.setString(1, receiver);
            ps.setString(2, groupKey);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new LogEntry(set(rs.getString(1)), set(rs.getString(2)), rs.getTimestamp(3).toInstant(), rs.getLong(4)));
            }
        }
    }

    /**
     * Records a notification as sent and queues it, if the lease is still ours; {@code build} makes the
     * notification from its id. Returns the notification.
     *
     * @throws Leases.LeaseLostException when another replica took the dispatcher over: nothing is written
     */
    public Notification record(Leases.Lease lease, String receiver, String groupKey, LogEntry previous, Set<String> firing,
            Set<String> resolved, Instant now, Function<String, Notification> build) throws SQLException {
        long sequence = previous == null ? 1 : previous.sequence() + 1;
        Notification n = build.apply(idOf(receiver, groupKey, sequence, now));
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                leases.checkHeld(c, lease);
                try (PreparedStatement ps = c.prepareStatement("""
                        INSERT INTO notification_log (receiver, group_key, firing, resolved, sent_at, sequence)
                        VALUES (?, ?, ?::jsonb, ?::jsonb, ?, ?)
                        ON CONFLICT (receiver, group_key) DO UPDATE SET firing = EXCLUDED.firing, resolved = EXCLUDED.resolved,
                            sent_at = EXCLUDED.sent_at, sequence = EXCLUDED.sequence""")) {
                    ps.setString(1, receiver);
                    ps.setString(2, groupKey);
                    ps.setString(3, json(firing));
                    ps.setString(4, json(resolved));
                    ps.setTimestamp(5, Timestamp.from(now));
                    ps.setLong(6, sequence);
                    ps.executeUpdate();
                }
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO notification_outbox (id, receiver, group_key, payload) VALUES (?, ?, ?, ?)")) {
                    ps.setString(1, n.id());
                    ps.setString(2, receiver);
                    ps.setString(3, groupKey);
                    ps.setBytes(4, NotificationCodec.encode(n));
                    ps.executeUpdate();
                }
                c.commit();
                return n;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /**
     * Forgets groups not notified for 5 days (Alertmanager's nflog retention: longer than any sane
     * repeat_interval) and published outbox rows older than a day.
     */
    @Scheduled(every = "10m", delayed = "2m")
    void collectGarbage() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM notification_log WHERE sent_at < now() - interval '5 days'")) {
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "DELETE FROM notification_outbox WHERE published_at < now() - interval '1 day'")) {
                ps.executeUpdate();
            }
        }
    }

    /** Stable: the same decision always has the same id; the time keeps ids unique if the log were ever reset. */
    static String idOf(String receiver, String groupKey, long sequence, Instant decidedAt) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            String text = receiver + '\u0000' + groupKey + '\u0000' + sequence + '\u0000' + decidedAt.toEpochMilli();
            return HexFormat.of().formatHex(sha.digest(text.getBytes(StandardCharsets.UTF_8)), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String json(Set<String> s) {
        try {
            return JSON.writeValueAsString(new TreeSet<>(s));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Set<String> set(String json) throws SQLException {
        try {
            return JSON.readValue(json, SET);
        } catch (JsonProcessingException e) {
            throw new SQLException("notification log entry is not a JSON array: " + e.getOriginalMessage(), e);
        }
    }
}

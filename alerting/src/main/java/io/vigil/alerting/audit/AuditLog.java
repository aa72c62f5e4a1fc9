package io.vigil.alerting.audit;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Every change to alerting, with who made it and when ({@code alerting_audit}): silences created and
 * expired, reloads, rule set changes. {@link #record} also logs the entry, so a change is never silent
 * even if the database refuses it.
 */
@ApplicationScoped
public class AuditLog {
    private static final Logger LOG = Logger.getLogger(AuditLog.class);

    /** One recorded change; {@code detail} is a JSON object. */
    public record Entry(long id, Instant time, String actor, String action, String target, String detail) {
    }

    private final AgroalDataSource dataSource;

    AuditLog(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Records a change. {@code detailJson} must be a JSON object (use Jackson to build it).
     *
     * @throws SQLException when the database did not take it; callers that change state in the same
     *                      database should record in their own transaction via {@link #record(Connection, String, String, String, String)}
     */
    public void record(String actor, String action, String target, String detailJson) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            record(c, actor, action, target, detailJson);
        }
    }

    /** Records a change inside the caller's transaction. */
    public void record(Connection c, String actor, String action, String target, String detailJson) throws SQLException {
        LOG.infof("audit: %s %s %s %s", actor, action, target, detailJson);
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO alerting_audit (actor, action, target, detail) VALUES (?, ?, ?, ?::jsonb)")) {
            ps.setString(1, actor);
            ps.setString(2, action);
            ps.setString(3, target);
            ps.setString(4, detailJson == null ? "{}" : detailJson);
            ps.executeUpdate();
        }
    }

    /** The newest entries first. */
    public List<Entry> recent(int limit) throws SQLException {
        List<Entry> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT id, time, actor, action, target, detail::text FROM alerting_audit ORDER BY id DESC LIMIT ?")) {
            ps.setInt(1, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Entry(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6)));
                }
            }
        }
        return out;
    }
}

package io.vigil.alerting.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.vigil.alerting.ha.Leases;
import io.vigil.alerting.model.AlertsChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * A rule group's alerts in {@code alerts} (source {@code rule:<group key>}) and its health in
 * {@code rule_group_health}. Each {@link #commit} is one transaction that first checks the group's lease
 * ({@link Leases#checkHeld}), so a replica that lost the group cannot overwrite the new owner's alerts;
 * it writes only the alerts that changed, deletes the ones gone, and then tells the dispatcher
 * ({@link AlertsChanged}) when an alert appeared, went, or changed state, labels or annotations.
 */
@ApplicationScoped
public class AlertStore {
    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {
    };

    private final AgroalDataSource dataSource;
    private final Leases leases;
    private final Event<AlertsChanged> changed;
    private final ObjectMapper json;

    AlertStore(AgroalDataSource dataSource, Leases leases, Event<AlertsChanged> changed, ObjectMapper json) {
        this.dataSource = dataSource;
        this.leases = leases;
        this.changed = changed;
        this.json = json;
    }

    public static String source(String groupKey) {
        return "rule:" + groupKey;
    }

    /** The alerts stored for a source, by fingerprint (what a new owner of the group starts from). */
    public Map<String, Alert> load(String source) throws SQLException {
        Map<String, Alert> alerts = new HashMap<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                SELECT fingerprint, labels, annotations, state, active_at, fired_at, resolved_at, keep_firing_since,
                       valid_until, last_eval, value, generator_url
                FROM alerts WHERE source = ?""")) {
            ps.setString(1, source);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Alert a = new Alert(rs.getString(1), readMap(rs.getString(2)), readMap(rs.getString(3)),
                            AlertState.ofDbName(rs.getString(4)), instant(rs, 5), instant(rs, 6), instant(rs, 7),
                            instant(rs, 8), instant(rs, 9), instant(rs, 10), rs.getDouble(11), rs.getString(12));
                    alerts.put(a.fingerprint(), a);
                }
            }
        }
        return alerts;
    }

    /**
     * Stores the group's alerts as {@code after} (given that {@code before} is what is stored now) and its
     * health (null: left as is), under the lease. Throws {@link Leases.LeaseLostException} when the lease
     * moved on; then nothing was written.
     */
    public void commit(Leases.Lease lease, String source, Map<String, Alert> before, Map<String, Alert> after,
            GroupHealth health) throws SQLException {
        boolean significant = false;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                leases.checkHeld(c, lease);
                significant = writeAlerts(c, source, before, after);
                if (health != null) {
                    writeHealth(c, health);
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
        if (significant) {
            changed.fireAsync(new AlertsChanged(source));
        }
    }

    private boolean writeAlerts(Connection c, String source, Map<String, Alert> before, Map<String, Alert> after)
            throws SQLException {
        boolean significant = false;
        try (PreparedStatement upsert = c.prepareStatement("""
                INSERT INTO alerts (source, fingerprint, alertname, labels, annotations, state, active_at, fired_at,
                    resolved_at, keep_firing_since, valid_until, last_eval, value, generator_url, updated_at)
                VALUES (?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?, ?, now())
                ON CONFLICT (source, fingerprint) DO UPDATE SET alertname = EXCLUDED.alertname,
                    labels = EXCLUDED.labels, annotations = EXCLUDED.annotations, state = EXCLUDED.state,
                    active_at = EXCLUDED.active_at, fired_at = EXCLUDED.fired_at, resolved_at = EXCLUDED.resolved_at,
                    keep_firing_since = EXCLUDED.keep_firing_since, valid_until = EXCLUDED.valid_until,
                    last_eval = EXCLUDED.last_eval, value = EXCLUDED.value, generator_url = EXCLUDED.generator_url,
                    updated_at = now()""");
                PreparedStatement delete = c.prepareStatement(
                        "DELETE FROM alerts WHERE source = ? AND fingerprint = ?")) {
            for (Alert a : after.values()) {
                Alert old = before.get(a.fingerprint());
                if (a.equals(old)) {
                    continue;
                }
                significant |= a.significantlyDifferentFrom(old);
                bindUpsert(upsert, source, a);
                upsert.addBatch();
            }
            for (String fingerprint : before.keySet()) {
                if (!after.containsKey(fingerprint)) {
                    significant = true;
                    delete.setString(1, source);
                    delete.setString(2, fingerprint);
                    delete.addBatch();
                }
            }
            upsert.executeBatch();
            delete.executeBatch();
        }
        return significant;
    }

    private void bindUpsert(PreparedStatement ps, String source, Alert a) throws SQLException {
        ps.setString(1, source);
        ps.setString(2, a.fingerprint());
        ps.setString(3, a.alertname());
        ps.setString(4, writeJson(a.labels()));
        ps.setString(5, writeJson(a.annotations()));
        ps.setString(6, a.state().dbName());
        ps.setTimestamp(7, timestamp(a.activeAt()));
        ps.setTimestamp(8, timestamp(a.firedAt()));
        ps.setTimestamp(9, timestamp(a.resolvedAt()));
        ps.setTimestamp(10, timestamp(a.keepFiringSince()));
        ps.setTimestamp(11, timestamp(a.validUntil()));
        ps.setTimestamp(12, timestamp(a.lastEval()));
        ps.setDouble(13, a.value());
        ps.setString(14, a.generatorUrl());
    }

    private void writeHealth(Connection c, GroupHealth health) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO rule_group_health (group_key, last_evaluation, evaluation_seconds, rules, updated_at)
                VALUES (?, ?, ?, ?::jsonb, now())
                ON CONFLICT (group_key) DO UPDATE SET last_evaluation = EXCLUDED.last_evaluation,
                    evaluation_seconds = EXCLUDED.evaluation_seconds, rules = EXCLUDED.rules, updated_at = now()""")) {
            ps.setString(1, health.groupKey());
            ps.setTimestamp(2, timestamp(health.lastEvaluation()));
            ps.setDouble(3, health.evaluationSeconds());
            ps.setString(4, writeJson(health.rules()));
            ps.executeUpdate();
        }
    }

    /** Forgets a group that no longer exists: its health row (its alerts were resolved through commit). */
    public void forgetHealth(String groupKey) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("DELETE FROM rule_group_health WHERE group_key = ?")) {
            ps.setString(1, groupKey);
            ps.executeUpdate();
        }
    }

    /**
     * Deletes rows of rule groups that are not in {@code currentSources} and have been quiet for the resolved
     * retention (a group removed while no replica owned it, or whose owner died with it).
     */
    public void sweepOrphans(java.util.Set<String> currentSources) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                DELETE FROM alerts WHERE source LIKE 'rule:%' AND NOT (source = ANY (?))
                AND coalesce(resolved_at, valid_until, last_eval, active_at) < now() - interval '15 minutes'""")) {
            ps.setArray(1, c.createArrayOf("text", currentSources.toArray()));
            ps.executeUpdate();
        }
    }

    private String writeJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + value.getClass().getSimpleName(), e);
        }
    }

    private Map<String, String> readMap(String text) throws SQLException {
        try {
            return json.readValue(text, STRING_MAP);
        } catch (JsonProcessingException e) {
            throw new SQLException("alerts row with malformed labels: " + e.getOriginalMessage(), e);
        }
    }

    private static Timestamp timestamp(Instant t) {
        return t == null ? null : Timestamp.from(t);
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}

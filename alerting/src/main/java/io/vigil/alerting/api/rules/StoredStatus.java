package io.vigil.alerting.api.rules;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What every replica reads to answer for every group, whichever replica evaluates it: the active alerts
 * of rule groups ({@code alerts}) and the groups' last iterations ({@code rule_group_health}).
 */
@ApplicationScoped
class StoredStatus {
    /** A pending or firing alert of a rule group. */
    record ActiveAlert(String source, Map<String, String> labels, Map<String, String> annotations, String state,
            Instant activeAt, Instant keepFiringSince, double value) {
    }

    /** A rule's last evaluation as its group's owner stored it. */
    record StoredRule(String name, String health, String lastError, double evaluationTime, String lastEvaluation) {
    }

    /** A group's last iteration. */
    record StoredGroup(Instant lastEvaluation, double evaluationSeconds, List<StoredRule> rules) {
    }

    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {
    };
    private static final TypeReference<List<StoredRule>> RULES = new TypeReference<>() {
    };

    private final AgroalDataSource dataSource;
    private final ObjectMapper json;

    StoredStatus(AgroalDataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    /** Active alerts of every rule group, oldest first. */
    List<ActiveAlert> activeAlerts() throws SQLException {
        List<ActiveAlert> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                SELECT source, labels, annotations, state, active_at, keep_firing_since, value FROM alerts
                WHERE source LIKE 'rule:%' AND state IN ('pending', 'firing') ORDER BY active_at, fingerprint""");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new ActiveAlert(rs.getString(1), read(rs.getString(2), STRING_MAP),
                        read(rs.getString(3), STRING_MAP), rs.getString(4), instant(rs.getTimestamp(5)),
                        instant(rs.getTimestamp(6)), rs.getDouble(7)));
            }
        }
        return out;
    }

    /** Every group's last iteration, by group key. */
    Map<String, StoredGroup> groups() throws SQLException {
        Map<String, StoredGroup> out = new HashMap<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT group_key, last_evaluation, evaluation_seconds, rules FROM rule_group_health");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getString(1), new StoredGroup(instant(rs.getTimestamp(2)), rs.getDouble(3),
                        read(rs.getString(4), RULES)));
            }
        }
        return out;
    }

    private <T> T read(String text, TypeReference<T> type) throws SQLException {
        try {
            return json.readValue(text, type);
        } catch (IOException e) {
            throw new SQLException("unreadable stored status: " + e.getMessage(), e);
        }
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}

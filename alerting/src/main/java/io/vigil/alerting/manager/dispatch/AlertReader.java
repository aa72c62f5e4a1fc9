package io.vigil.alerting.manager.dispatch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the alerts eval and the API stored ({@code alerts}, V7) and merges the rows of one fingerprint
 * from several sources: it fires while any source says it fires and is still valid. Pending alerts are
 * not the manager's business.
 */
@ApplicationScoped
public class AlertReader {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {
    };

    private final AgroalDataSource dataSource;

    AlertReader(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Every non-pending alert, merged by fingerprint, in fingerprint order. */
    public List<ManagedAlert> read(Instant now) throws SQLException {
        Map<String, ManagedAlert> merged = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                SELECT fingerprint, labels::text, annotations::text, state, active_at, fired_at, resolved_at, valid_until,
                       generator_url, updated_at
                FROM alerts WHERE state <> 'pending' ORDER BY fingerprint, updated_at""")) {
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ManagedAlert a = row(rs, now);
                    merged.merge(a.fingerprint(), a, AlertReader::merge);
                }
            }
        }
        return new ArrayList<>(merged.values());
    }

    private static ManagedAlert row(ResultSet rs, Instant now) throws SQLException {
        Instant activeAt = rs.getTimestamp(5).toInstant();
        Instant firedAt = instant(rs.getTimestamp(6));
        Instant resolvedAt = instant(rs.getTimestamp(7));
        Instant validUntil = instant(rs.getTimestamp(8));
        boolean firing = "firing".equals(rs.getString(4)) && (validUntil == null || !validUntil.isBefore(now));
        Instant endsAt = null;
        if (!firing) {
            endsAt = resolvedAt != null ? resolvedAt : validUntil != null ? validUntil : rs.getTimestamp(10).toInstant();
        }
        return new ManagedAlert(rs.getString(1), map(rs.getString(2)), map(rs.getString(3)), firedAt != null ? firedAt : activeAt,
                endsAt, rs.getTimestamp(10).toInstant(), rs.getString(9), validUntil);
    }

    /** Firing wins; the earliest start; the newest row's annotations. */
    private static ManagedAlert merge(ManagedAlert older, ManagedAlert newer) {
        Instant start = older.startsAt().isBefore(newer.startsAt()) ? older.startsAt() : newer.startsAt();
        Instant end = older.firing() || newer.firing() ? null
                : older.endsAt().isAfter(newer.endsAt()) ? older.endsAt() : newer.endsAt();
        return new ManagedAlert(newer.fingerprint(), newer.labels(), newer.annotations(), start, end, newer.updatedAt(),
                newer.generatorUrl() != null ? newer.generatorUrl() : older.generatorUrl(), later(older.validUntil(), newer.validUntil()));
    }

    private static Instant later(Instant a, Instant b) {
        if (a == null || b == null) {
            return a == null ? b : a;
        }
        return a.isAfter(b) ? a : b;
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private static Map<String, String> map(String json) throws SQLException {
        if (json == null) {
            return Map.of();
        }
        try {
            Map<String, String> m = JSON.readValue(json, STRING_MAP);
            return m == null ? Map.of() : m;
        } catch (JsonProcessingException e) {
            throw new SQLException("stored alert labels are not a JSON object of strings: " + e.getOriginalMessage(), e);
        }
    }
}

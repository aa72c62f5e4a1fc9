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
import java.util.Collection;
import java.util.Comparator;
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
        return merge(rows(null), now);
    }

    /** Rows updated at or after {@code since} (all rows when null), pending ones included. */
    List<AlertRow> rows(Instant since) throws SQLException {
        List<AlertRow> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                SELECT source, fingerprint, labels::text, annotations::text, state, active_at, fired_at, resolved_at, valid_until,
                       generator_url, updated_at
                FROM alerts WHERE updated_at >= ?""")) {
            ps.setTimestamp(1, Timestamp.from(since == null ? Instant.EPOCH : since));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new AlertRow(rs.getString(1), rs.getString(2), map(rs.getString(3)), map(rs.getString(4)), rs.getString(5),
                            rs.getTimestamp(6).toInstant(), instant(rs.getTimestamp(7)), instant(rs.getTimestamp(8)),
                            instant(rs.getTimestamp(9)), rs.getString(10), rs.getTimestamp(11).toInstant()));
                }
            }
        }
        return out;
    }

    /** The alerts of these rows as of {@code now}: pending rows left out, rows of one fingerprint merged. */
    static List<ManagedAlert> merge(Collection<AlertRow> rows, Instant now) {
        List<AlertRow> sorted = new ArrayList<>();
        for (AlertRow r : rows) {
            if (!"pending".equals(r.state())) {
                sorted.add(r);
            }
        }
        sorted.sort(Comparator.comparing(AlertRow::fingerprint).thenComparing(AlertRow::updatedAt));
        Map<String, ManagedAlert> merged = new LinkedHashMap<>();
        for (AlertRow r : sorted) {
            merged.merge(r.fingerprint(), r.toAlert(now), AlertReader::merge);
        }
        return new ArrayList<>(merged.values());
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

package io.vigil.alerting.manager.silence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.scheduler.Scheduled;
import io.vigil.alerting.audit.AuditLog;
import io.vigil.alerting.manager.match.Matcher;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Silences in the database ({@code silences}, V9), with Alertmanager's update rules: a pending silence
 * may change freely; an active one may change only its end, comment and author in place, any other
 * change expires it and creates a new silence with a new id. Every change is written to the audit log in
 * the same transaction.
 */
@ApplicationScoped
public class SilenceStore {
    /** Expired silences are still listed this long, then deleted. */
    public static final Duration RETENTION = Duration.ofDays(5);
    /** At most this many silences that have not expired. */
    public static final int MAX_LIVE = 10_000;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COLUMNS = "id, matchers::text, starts_at, ends_at, created_by, comment, updated_at";

    private final AgroalDataSource dataSource;
    private final AuditLog audit;

    SilenceStore(AgroalDataSource dataSource, AuditLog audit) {
        this.dataSource = dataSource;
        this.audit = audit;
    }

    /** Creates a silence or updates the one with {@code s.id()}; returns the id now in force. */
    public String save(Silence s, String actor) throws SilenceException, SQLException {
        Instant now = Instant.now();
        if (s.startsAt() != null && s.startsAt().isBefore(now)) {
            s = new Silence(s.id(), s.matchers(), now, s.endsAt(), s.createdBy(), s.comment(), now);
        }
        List<String> problems = SilenceValidator.problems(s, now);
        if (!problems.isEmpty()) {
            throw new SilenceException(400, String.join("; ", problems));
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                String id = saveIn(c, s, actor, now);
                c.commit();
                return id;
            } catch (SQLException | SilenceException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private String saveIn(Connection c, Silence s, String actor, Instant now) throws SQLException, SilenceException {
        if (s.id() != null && !s.id().isEmpty()) {
            Silence prev = lock(c, s.id()).orElseThrow(() -> new SilenceException(404, "silence " + s.id() + " not found"));
            String state = prev.state(now);
            if (state.equals("expired")) {
                throw new SilenceException(400, "silence " + s.id() + " has expired and cannot be changed; create a new one");
            }
            // An active silence keeps its id only if what it mutes stays the same from now on.
            boolean inPlace = state.equals("pending") || (prev.matchers().equals(s.matchers()) && !s.startsAt().isAfter(now));
            if (inPlace) {
                Silence updated = new Silence(prev.id(), s.matchers(), state.equals("pending") ? s.startsAt() : prev.startsAt(),
                        s.endsAt(), s.createdBy(), s.comment(), now);
                write(c, updated, "UPDATE silences SET matchers = ?::jsonb, starts_at = ?, ends_at = ?, created_by = ?, comment = ?, updated_at = ? WHERE id = ?");
                audit.record(c, actor, "silence.update", updated.id(), detail(updated));
                return updated.id();
            }
            setEnd(c, prev.id(), now);
            audit.record(c, actor, "silence.expire", prev.id(), "{\"replacedByUpdate\":true}");
        }
        if (liveCount(c, now) >= MAX_LIVE) {
            throw new SilenceException(400, "there are already " + MAX_LIVE + " silences that have not expired");
        }
        Silence created = new Silence(UUID.randomUUID().toString(), s.matchers(), s.startsAt(), s.endsAt(), s.createdBy(), s.comment(), now);
        write(c, created, "INSERT INTO silences (matchers, starts_at, ends_at, created_by, comment, updated_at, id) VALUES (?::jsonb, ?, ?, ?, ?, ?, ?)");
        audit.record(c, actor, "silence.create", created.id(), detail(created));
        return created.id();
    }

    /** Expires a silence now. */
    public void expire(String id, String actor) throws SilenceException, SQLException {
        Instant now = Instant.now();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                Silence prev = lock(c, id).orElseThrow(() -> new SilenceException(404, "silence " + id + " not found"));
                if (prev.state(now).equals("expired")) {
                    throw new SilenceException(400, "silence " + id + " has already expired");
                }
                setEnd(c, id, now);
                audit.record(c, actor, "silence.expire", id, "{}");
                c.commit();
            } catch (SQLException | SilenceException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    public Optional<Silence> get(String id) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT " + COLUMNS + " FROM silences WHERE id = ?")) {
            ps.setString(1, id);
            return one(ps);
        }
    }

    /** Every silence not yet garbage-collected, newest first. */
    public List<Silence> all() throws SQLException {
        List<Silence> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT " + COLUMNS + " FROM silences WHERE ends_at > ? ORDER BY updated_at DESC")) {
            ps.setTimestamp(1, Timestamp.from(Instant.now().minus(RETENTION)));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(read(rs));
                }
            }
        }
        return out;
    }

    /** Deletes silences expired longer than {@link #RETENTION} ago. */
    @Scheduled(every = "10m", delayed = "1m")
    void collectGarbage() throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("DELETE FROM silences WHERE ends_at < ?")) {
            ps.setTimestamp(1, Timestamp.from(Instant.now().minus(RETENTION)));
            ps.executeUpdate();
        }
    }

    private Optional<Silence> lock(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM silences WHERE id = ? FOR UPDATE")) {
            ps.setString(1, id);
            return one(ps);
        }
    }

    private static Optional<Silence> one(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(read(rs)) : Optional.empty();
        }
    }

    private static void setEnd(Connection c, String id, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE silences SET ends_at = ?, starts_at = LEAST(starts_at, ?), updated_at = ? WHERE id = ?")) {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setTimestamp(2, Timestamp.from(now));
            ps.setTimestamp(3, Timestamp.from(now));
            ps.setString(4, id);
            ps.executeUpdate();
        }
    }

    private static int liveCount(Connection c, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM silences WHERE ends_at > ?")) {
            ps.setTimestamp(1, Timestamp.from(now));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static void write(Connection c, Silence s, String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, matchersJson(s.matchers()));
            ps.setTimestamp(2, Timestamp.from(s.startsAt()));
            ps.setTimestamp(3, Timestamp.from(s.endsAt()));
            ps.setString(4, s.createdBy());
            ps.setString(5, s.comment());
            ps.setTimestamp(6, Timestamp.from(s.updatedAt()));
            ps.setString(7, s.id());
            ps.executeUpdate();
        }
    }

    private static Silence read(ResultSet rs) throws SQLException {
        return new Silence(rs.getString(1), matchersOf(rs.getString(2)), rs.getTimestamp(3).toInstant(),
                rs.getTimestamp(4).toInstant(), rs.getString(5), rs.getString(6), rs.getTimestamp(7).toInstant());
    }

    static String matchersJson(List<Matcher> matchers) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Matcher m : matchers) {
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("name", m.name());
            j.put("value", m.value());
            j.put("isRegex", m.type().isRegex());
            j.put("isEqual", m.type().isEqual());
            out.add(j);
        }
        try {
            return JSON.writeValueAsString(out);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Matcher> matchersOf(String json) throws SQLException {
        try {
            List<Map<String, Object>> list = JSON.readValue(json, new TypeReference<>() {
            });
            List<Matcher> out = new ArrayList<>();
            for (Map<String, Object> j : list) {
                out.add(Matcher.of((String) j.get("name"), Matcher.Type.of(Boolean.TRUE.equals(j.get("isRegex")),
                        !Boolean.FALSE.equals(j.get("isEqual"))), (String) j.get("value")));
            }
            return out;
        } catch (JsonProcessingException e) {
            throw new SQLException("stored silence matchers are not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static String detail(Silence s) {
        try {
            return JSON.writeValueAsString(Map.of("matchers", JSON.readTree(matchersJson(s.matchers())),
                    "startsAt", s.startsAt().toString(), "endsAt", s.endsAt().toString(), "createdBy", s.createdBy(), "comment", s.comment()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

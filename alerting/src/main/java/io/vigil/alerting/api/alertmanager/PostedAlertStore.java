package io.vigil.alerting.api.alertmanager;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.scheduler.Scheduled;
import io.vigil.alerting.model.Fingerprints;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Stores posted alerts in {@code alerts} with source 'api': firing until endsAt (or, without one, for
 * the resolve timeout unless posted again, as Alertmanager does), resolved once endsAt passed.
 */
@ApplicationScoped
class PostedAlertStore {
    static final String SOURCE = "api";
    static final Duration RESOLVE_TIMEOUT = Duration.ofMinutes(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AgroalDataSource dataSource;

    PostedAlertStore(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    void store(List<PostedAlerts.Posted> alerts, Instant now) throws SQLException {
        String sql = """
                INSERT INTO alerts (source, fingerprint, alertname, labels, annotations, state, active_at, fired_at, resolved_at,
                                    valid_until, generator_url, updated_at)
                VALUES (?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (source, fingerprint) DO UPDATE SET
                    annotations = EXCLUDED.annotations, state = EXCLUDED.state,
                    active_at = CASE WHEN alerts.state = 'firing' THEN LEAST(alerts.active_at, EXCLUDED.active_at) ELSE EXCLUDED.active_at END,
                    fired_at = CASE WHEN alerts.state = 'firing' THEN LEAST(alerts.fired_at, EXCLUDED.fired_at) ELSE EXCLUDED.fired_at END,
                    resolved_at = EXCLUDED.resolved_at, valid_until = EXCLUDED.valid_until,
                    generator_url = EXCLUDED.generator_url, updated_at = EXCLUDED.updated_at""";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (PostedAlerts.Posted a : alerts) {
                Instant start = a.startsAt() != null ? a.startsAt() : now;
                boolean resolved = a.endsAt() != null && !a.endsAt().isAfter(now);
                Instant validUntil = a.endsAt() != null ? a.endsAt() : now.plus(RESOLVE_TIMEOUT);
                ps.setString(1, SOURCE);
                ps.setString(2, Fingerprints.of(a.labels()));
                ps.setString(3, a.labels().getOrDefault("alertname", ""));
                ps.setString(4, json(a.labels()));
                ps.setString(5, json(a.annotations()));
                ps.setString(6, resolved ? "resolved" : "firing");
                ps.setTimestamp(7, Timestamp.from(start));
                ps.setTimestamp(8, Timestamp.from(start));
                ps.setTimestamp(9, resolved ? Timestamp.from(a.endsAt()) : null);
                ps.setTimestamp(10, Timestamp.from(validUntil));
                ps.setString(11, a.generatorUrl());
                ps.setTimestamp(12, Timestamp.from(now));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Posted alerts resolved for an hour are gone (long enough for the dispatcher to send them resolved). */
    @Scheduled(every = "10m", delayed = "3m")
    void collectGarbage() throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                DELETE FROM alerts WHERE source = 'api' AND COALESCE(resolved_at, valid_until) < now() - interval '1 hour'""")) {
            ps.executeUpdate();
        }
    }

    private static String json(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

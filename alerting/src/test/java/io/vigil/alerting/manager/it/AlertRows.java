package io.vigil.alerting.manager.it;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.alerting.model.Fingerprints;
import io.vigil.testkit.VigilInfra;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Map;

/** Writes rows of {@code alerts} as eval does. */
final class AlertRows {
    private static final ObjectMapper JSON = new ObjectMapper();

    private AlertRows() {
    }

    static String fire(Map<String, String> labels) throws Exception {
        String fp = Fingerprints.of(labels);
        try (Connection c = VigilInfra.timescale().connect(); PreparedStatement ps = c.prepareStatement("""
                INSERT INTO alerts (source, fingerprint, alertname, labels, annotations, state, active_at, fired_at, valid_until,
                                    generator_url, updated_at)
                VALUES ('rule:it', ?, ?, ?::jsonb, '{"summary":"it broke"}', 'firing', now(), now(), now() + interval '1 hour',
                        'http://query.example.test/graph', now())""")) {
            ps.setString(1, fp);
            ps.setString(2, labels.get("alertname"));
            ps.setString(3, JSON.writeValueAsString(labels));
            ps.executeUpdate();
        }
        return fp;
    }

    static void resolve(String fingerprint) throws Exception {
        try (Connection c = VigilInfra.timescale().connect(); PreparedStatement ps = c.prepareStatement(
                "UPDATE alerts SET state = 'resolved', resolved_at = now(), updated_at = now() WHERE source = 'rule:it' AND fingerprint = ?")) {
            ps.setString(1, fingerprint);
            ps.executeUpdate();
        }
    }

    static int execute(String sql, Object... args) throws Exception {
        try (Connection c = VigilInfra.timescale().connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            return ps.executeUpdate();
        }
    }

    static long leaseToken() throws Exception {
        try (Connection c = VigilInfra.timescale().connect(); PreparedStatement ps = c.prepareStatement(
                "SELECT token FROM alerting_leases WHERE name = 'dispatcher'"); var rs = ps.executeQuery()) {
            return rs.next() ? rs.getLong(1) : -1;
        }
    }
}

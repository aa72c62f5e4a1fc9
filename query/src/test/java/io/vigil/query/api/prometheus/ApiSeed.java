package io.vigil.query.api.prometheus;

import io.vigil.model.Labels;
import io.vigil.testkit.VigilInfra;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;
import java.util.TreeMap;

/**
 * Test data of the API ITs, written with SQL into {@code series} and {@code samples} (the query service
 * does not own the writer). {@code it_api_cpu{host="h1|h2", pool="web"}} has a sample every 10 s for 10
 * minutes from {@link #T0}, value {@code host index * 100 + i + 0.25}; {@code it_api_special} holds
 * values whose printing is special (NaN, +Inf, tiny, huge).
 */
final class ApiSeed {
    static final long HOUR = 3_600_000;
    /** A whole hour two hours ago: in the raw tier, and old enough to be complete. */
    static final long T0 = (System.currentTimeMillis() / HOUR - 2) * HOUR;
    static final String[] HOSTS = {"h1", "h2"};
    static final int SAMPLES = 60;
    private static boolean done;

    private ApiSeed() {
    }

    static synchronized void seed() throws SQLException {
        if (done) {
            return;
        }
        try (Connection c = VigilInfra.timescale().connect()) {
            for (int h = 0; h < HOSTS.length; h++) {
                long id = insertSeries(c, "it_api_cpu", Map.of("host", HOSTS[h], "pool", "web"));
                for (int i = 0; i < SAMPLES; i++) {
                    insertSample(c, id, T0 + i * 10_000L, value(h, i));
                }
            }
            double[] special = {Double.NaN, Double.POSITIVE_INFINITY, 1.5e-7, 1e21, -0.1};
            String[] kinds = {"a_nan", "b_inf", "c_tiny", "d_huge", "e_negative"};
            for (int k = 0; k < kinds.length; k++) {
                long id = insertSeries(c, "it_api_special", Map.of("kind", kinds[k]));
                insertSample(c, id, T0, special[k]);
            }
        }
        done = true;
    }

    static double value(int host, int i) {
        return host * 100 + i + 0.25;
    }

    /** Unix seconds of T0 + offset, as the API prints whole seconds. */
    static long sec(long offsetSeconds) {
        return T0 / 1000 + offsetSeconds;
    }

    private static long insertSeries(Connection c, String metric, Map<String, String> labels) throws SQLException {
        long id = Labels.of(metric, labels).seriesId();
        StringBuilder json = new StringBuilder("{");
        new TreeMap<>(labels).forEach((k, v) -> json.append(json.length() > 1 ? "," : "").append('"').append(k)
                .append("\":\"").append(v).append('"'));
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO series VALUES (?, ?, ?::jsonb, now() - interval '1 day', now()) ON CONFLICT DO NOTHING")) {
            ps.setLong(1, id);
            ps.setString(2, metric);
            ps.setString(3, json.append('}').toString());
            ps.executeUpdate();
        }
        return id;
    }

    private static void insertSample(Connection c, long id, long millis, double value) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO samples VALUES (to_timestamp(? / 1000.0), ?, ?) ON CONFLICT DO NOTHING")) {
            ps.setLong(1, millis);
            ps.setLong(2, id);
            ps.setDouble(3, value);
            ps.executeUpdate();
        }
    }
}

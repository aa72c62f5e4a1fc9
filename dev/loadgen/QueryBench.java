import io.vigil.model.Labels;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Query-tier benchmark on the running system (a single-file program; needs the shared classes and the
 * PostgreSQL driver on the class path, see dev/loadgen/README.md).
 *
 * <p>{@code seed} writes the documented data set straight into TimescaleDB (SQL generate_series on the
 * server, the fastest way into the embedded database): <ul>
 * <li>the ingest workload: 10,000 series {@code bench_m00..bench_m99} × hosts h000..h099 (labels host,
 * pool = 20 hosts each p0..p4, region r0..r3), one sample per 10 s over the last 2 h (7.2 M samples);
 * <li>history: 1,000 series {@code bench_history_0..9} × the same hosts, one sample per minute over the
 * 30 days before the ingest workload (43.2 M samples), then the rollups refreshed over them and raw
 * rows older than the raw retention (7 d) dropped, as the policies would.</ul>
 *
 * <p>{@code run} measures through the query service's Prometheus API (POST query_range, as Grafana
 * sends it) and prints p50/p99 of: the dashboard query (average of one metric over the 20 hosts of a
 * pool, 1 h, 60 s step) uncached ({@code Cache-Control: no-cache}) and cached (ending now, so the open
 * edge — the newest block and the settle time — is computed on every request; and a closed hour, all
 * blocks from Redis); a single series over
 * 2 h at 10 s (raw); a 30-day panel of one history series at 1 h step (rollups).
 *
 * <pre>
 * java -cp src-shared/target/classes:$PGJDBC dev/loadgen/QueryBench.java seed [--jdbc URL] [--now epoch-ms] [--skip-history]
 * java -cp src-shared/target/classes dev/loadgen/QueryBench.java run [--query http://127.0.0.1:7202] [--n 200]
 * </pre>
 */
public class QueryBench {
    private static final int HOSTS = 100;
    private static final long MIN = 60_000L;
    private static final long DAY = 24 * 60 * MIN;

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: QueryBench seed|run [options]");
            System.exit(2);
        }
        switch (args[0]) {
            case "seed" -> seed(arg(args, "--jdbc", "jdbc:postgresql://127.0.0.1:7205/vigil?sslmode=disable"),
                    Long.parseLong(arg(args, "--now", Long.toString(System.currentTimeMillis()))),
                    java.util.Arrays.asList(args).contains("--skip-history"));
            case "run" -> run(arg(args, "--query", "http://127.0.0.1:7202"), Integer.parseInt(arg(args, "--n", "200")));
            default -> {
                System.err.println("unknown command " + args[0]);
                System.exit(2);
            }
        }
    }

    private static Map<String, String> hostLabels(int h) {
        return Map.of("host", String.format("h%03d", h), "pool", "p" + h / 20, "region", "r" + h % 4);
    }

    /** {@code now} (epoch ms) fixes the data's time window, so an interrupted seed can be resumed. */
    private static void seed(String jdbc, long nowMillis, boolean skipHistory) throws Exception {
        long now = nowMillis / 10_000 * 10_000;
        try (Connection c = DriverManager.getConnection(jdbc, "vigil", "vigil")) {
            long t0 = System.nanoTime();
            for (int m = 0; m < 100; m++) {
                if (present(c, Labels.of(String.format("bench_m%02d", m), hostLabels(99)).seriesId(), now)) {
                    continue;
                }
                long[] ids = catalogue(c, String.format("bench_m%02d", m), now - 2 * 3_600_000L);
                samples(c, ids, now - 2 * 3_600_000L + 10_000, now, 10_000, m);
            }
            System.out.printf("ingest workload: 10,000 series x 720 samples in %.1f s%n", (System.nanoTime() - t0) / 1e9);
            if (skipHistory) {
                return;
            }
            long end = now / MIN * MIN - 2 * 3_600_000L;
            long start = end - 30 * DAY;
            List<long[]> history = new ArrayList<>();
            for (int m = 0; m < 10; m++) {
                history.add(catalogue(c, "bench_history_" + m, start));
            }
            t0 = System.nanoTime();
            // Skip what an interrupted earlier seed already wrote (the first sample of each day tells).
            for (long day = start; day < end; day += DAY) {
                if (!present(c, history.get(9)[99], Math.min(day + DAY, end) - MIN)) {
                    for (int m = 0; m < 10; m++) {
                        samples(c, history.get(m), day, Math.min(day + DAY, end) - MIN, MIN, 100 + m);
                    }
                }
                System.out.printf("history raw day %s written (%.0f s)%n", java.time.Instant.ofEpochMilli(day),
                        (System.nanoTime() - t0) / 1e9);
            }
            for (long from = start; from < end; from += 5 * DAY) {
                refresh(c, "samples_1m", from, Math.min(from + 5 * DAY, end));
                System.out.printf("1m rollup refreshed to %s (%.0f s)%n", java.time.Instant.ofEpochMilli(Math.min(from + 5 * DAY, end)),
                        (System.nanoTime() - t0) / 1e9);
            }
            refresh(c, "samples_1h", start, end);
            try (Statement s = c.createStatement()) {
                // What the raw retention policy does: raw older than 7 days is gone, the rollups stay.
                s.execute("SELECT drop_chunks('samples', older_than => now() - interval '7 days')");
            }
            System.out.printf("history: 1,000 series x 43,200 samples, rollups refreshed, in %.1f s%n",
                    (System.nanoTime() - t0) / 1e9);
        }
    }

    private static long[] catalogue(Connection c, String metric, long firstSeen) throws Exception {
        long[] ids = new long[HOSTS];
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO series (id, metric_name, labels, first_seen, last_seen)
                VALUES (?, ?, ?::jsonb, to_timestamp(? / 1000.0), now()) ON CONFLICT (id) DO NOTHING""")) {
            for (int h = 0; h < HOSTS; h++) {
                Map<String, String> labels = hostLabels(h);
                ids[h] = Labels.of(metric, labels).seriesId();
                StringBuilder json = new StringBuilder("{");
                new TreeMap<>(labels).forEach((k, v) -> json.append(json.length() > 1 ? "," : "").append('"').append(k)
                        .append("\":\"").append(v).append('"'));
                ps.setLong(1, ids[h]);
                ps.setString(2, metric);
                ps.setString(3, json.append('}').toString());
                ps.setLong(4, firstSeen);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        return ids;
    }

    /** Samples at from, from+interval, …, to for every id: a smooth wave per series, server-side. */
    private static void samples(Connection c, long[] ids, long from, long to, long interval, int salt) throws Exception {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO samples (time, series_id, value)
                SELECT to_timestamp(t / 1000.0), s.id,
                       50 + 40 * sin((t / 1000.0) / 3600.0 + s.n * 0.7 + ?) + (s.n % 7)
                FROM unnest(?::bigint[]) WITH ORDINALITY AS s(id, n),
                     generate_series(?::bigint, ?::bigint, ?::bigint) AS t
                ON CONFLICT DO NOTHING""")) {
            ps.setInt(1, salt);
            ps.setArray(2, c.createArrayOf("int8", Arrays.stream(ids).boxed().toArray()));
            ps.setLong(3, from);
            ps.setLong(4, to);
            ps.setLong(5, interval);
            ps.executeUpdate();
        }
    }

    private static boolean present(Connection c, long id, long time) throws Exception {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT 1 FROM samples WHERE series_id = ? AND time = to_timestamp(? / 1000.0)")) {
            ps.setLong(1, id);
            ps.setLong(2, time);
            return ps.executeQuery().next();
        }
    }

    private static void refresh(Connection c, String view, long from, long to) throws Exception {
        c.setAutoCommit(true);
        try (PreparedStatement ps = c.prepareStatement(
                "CALL refresh_continuous_aggregate(?, to_timestamp(? / 1000.0), to_timestamp(? / 1000.0))")) {
            ps.setString(1, view);
            ps.setLong(2, from);
            ps.setLong(3, to);
            ps.execute();
        }
    }

    private static void run(String query, int n) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        long now = System.currentTimeMillis() / 1000;
        String dashboard = "avg(bench_m07{pool=\"p3\"})";
        long dashStart = (now - 3600) / 60 * 60;
        measure(http, query, "dashboard uncached (avg over 20 hosts, 1 h, 60 s step)", dashboard, dashStart, now, 60, n, true);
        measure(http, query, "dashboard cached   (same, Grafana refresh: end = now)", dashboard, dashStart, now, 60, n, false);
        long closedEnd = (now - 15 * 60) / 60 * 60;
        measure(http, query, "dashboard cached   (a closed hour, ending 15 min ago)", dashboard, closedEnd - 3600, closedEnd,
                60, n, false);
        measure(http, query, "single series raw  (2 h, 10 s step), uncached", "bench_m42{host=\"h042\"}",
                now - 7200 + 10, now, 10, n, true);
        long end30 = (now - 3 * 3600) / 3600 * 3600;
        measure(http, query, "30-day panel       (1 h step, rollups), uncached", "bench_history_3{host=\"h017\"}",
                end30 - 30 * 86400, end30, 3600, n, true);
        measure(http, query, "30-day panel       (1 h step, rollups), cached", "bench_history_3{host=\"h017\"}",
                end30 - 30 * 86400, end30, 3600, n, false);
        measure(http, query, "30-day pool panel  (avg over 20 hosts, 1 h step), uncached",
                "avg(bench_history_3{pool=\"p1\"})", end30 - 30 * 86400, end30, 3600, n, true);
    }

    private static void measure(HttpClient http, String base, String name, String promql, long start, long end, long step,
            int n, boolean uncached) throws Exception {
        String form = "query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8) + "&start=" + start + "&end=" + end
                + "&step=" + step;
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/api/v1/query_range"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (uncached) {
            request.header("Cache-Control", "no-cache");
        }
        HttpRequest r = request.build();
        HttpResponse<String> first = http.send(r, HttpResponse.BodyHandlers.ofString());
        if (first.statusCode() != 200 || !first.body().contains("\"success\"")) {
            throw new IllegalStateException(name + ": HTTP " + first.statusCode() + " " + first.body());
        }
        int points = first.body().split("\\],\\[").length;
        for (int i = 0; i < 5; i++) {
            http.send(r, HttpResponse.BodyHandlers.ofString());
        }
        long[] nanos = new long[n];
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            HttpResponse<String> resp = http.send(r, HttpResponse.BodyHandlers.ofString());
            nanos[i] = System.nanoTime() - t0;
            if (resp.statusCode() != 200) {
                throw new IllegalStateException(name + ": HTTP " + resp.statusCode() + " " + resp.body());
            }
        }
        Arrays.sort(nanos);
        System.out.printf("%-62s n=%d  p50 %6.1f ms  p99 %6.1f ms  max %6.1f ms  (~%d points)%n", name, n,
                nanos[n / 2] / 1e6, nanos[(int) Math.ceil(n * 0.99) - 1] / 1e6, nanos[n - 1] / 1e6, points);
    }

    private static String arg(String[] args, String name, String fallback) {
        for (int i = 1; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }
}

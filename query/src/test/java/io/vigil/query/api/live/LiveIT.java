package io.vigil.query.api.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vigil.model.Labels;
import io.vigil.testkit.VigilInfra;
import io.vigil.testkit.VigilInfraResource;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/v1/live} read by a real HTTP client: the first window, then new points as samples
 * arrive, heartbeats, the stream limit, and the slot freed when a client disconnects.
 */
@QuarkusTest
@WithTestResource(value = VigilInfraResource.class, initArgs = @ResourceArg(name = "kafka", value = "false"))
class LiveIT {
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @TestHTTPResource("/api/v1/live")
    URI live;

    @Inject
    LiveStreams streams;

    private HttpResponse<InputStream> open(String query, String step, String lookback) throws Exception {
        URI uri = URI.create(live + "?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8) + "&step=" + step
                + "&lookback=" + lookback);
        return CLIENT.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
    }

    private static long insertSeries(Connection c, String metric) throws Exception {
        long id = Labels.of(metric, Map.of("pool", "live")).seriesId();
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO series VALUES (?, ?, '{\"pool\":\"live\"}'::jsonb, now() - interval '1 hour', now()) "
                        + "ON CONFLICT DO NOTHING")) {
            ps.setLong(1, id);
            ps.setString(2, metric);
            ps.executeUpdate();
        }
        return id;
    }

    private static void insertSample(Connection c, long id, long millis, double value) throws Exception {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO samples VALUES (to_timestamp(? / 1000.0), ?, ?)")) {
            ps.setLong(1, millis);
            ps.setLong(2, id);
            ps.setDouble(3, value);
            ps.executeUpdate();
        }
    }

    /** Reads SSE frames (blank-line separated) until one satisfies {@code until}; returns all read. */
    private static List<String> readUntil(BufferedReader in, java.util.function.Predicate<String> until, int maxFrames)
            throws Exception {
        List<String> frames = new ArrayList<>();
        StringBuilder frame = new StringBuilder();
        String line;
        while ((line = in.readLine()) != null) {
            if (!line.isEmpty()) {
                frame.append(line).append('\n');
                continue;
            }
            frames.add(frame.toString());
            if (until.test(frame.toString()) || frames.size() >= maxFrames) {
                return frames;
            }
            frame.setLength(0);
        }
        return frames;
    }

    @Test
    void streamsTheWindowThenNewPointsAndHeartbeats() throws Exception {
        long id;
        try (Connection c = VigilInfra.timescale().connect()) {
            id = insertSeries(c, "it_live_gauge");
            insertSample(c, id, System.currentTimeMillis() - 5_000, 7);
        }
        HttpResponse<InputStream> response = open("it_live_gauge", "1s", "10s");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("text/event-stream"));
        try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            List<String> first = readUntil(in, f -> f.startsWith("event: points"), 1);
            assertThat(first.get(0)).startsWith("event: points\ndata: {\"resultType\":\"matrix\",\"result\":[{\"metric\":"
                    + "{\"__name__\":\"it_live_gauge\",\"pool\":\"live\"},\"values\":[[").contains(",\"7\"]");
            try (Connection c = VigilInfra.timescale().connect()) {
                insertSample(c, id, System.currentTimeMillis(), 8.5);
            }
            List<String> later = readUntil(in, f -> f.contains("\"8.5\""), 40);
            assertThat(later.get(later.size() - 1)).startsWith("event: points\ndata: {\"resultType\":\"matrix\"")
                    .contains("\"8.5\"");
            List<String> beat = readUntil(in, f -> f.startsWith(": heartbeat"), 40);
            assertThat(beat.get(beat.size() - 1)).isEqualTo(": heartbeat\n");
        }
    }

    @Test
    void streamsAreLimitedAndADisconnectFreesTheSlot() throws Exception {
        List<HttpResponse<InputStream>> open = new ArrayList<>();
        while (streams.openStreams() < 3) {
            HttpResponse<InputStream> r = open("vector(1)", "1s", "0");
            assertThat(r.statusCode()).isEqualTo(200);
            open.add(r);
        }
        HttpResponse<InputStream> refused = open("vector(1)", "1s", "0");
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(new String(refused.body().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(
                "{\"status\":\"error\",\"errorType\":\"unavailable\",\"error\":\"too many live streams open (limit 3); "
                        + "try again later\"}");
        int before = streams.openStreams();
        open.get(0).body().close();
        long deadline = System.currentTimeMillis() + 10_000;
        while (streams.openStreams() >= before && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        assertThat(streams.openStreams()).isEqualTo(before - 1);
        HttpResponse<InputStream> again = open("vector(1)", "1s", "0");
        assertThat(again.statusCode()).isEqualTo(200);
        again.body().close();
        for (HttpResponse<InputStream> r : open) {
            r.body().close();
        }
    }

    @Test
    void badParametersAreRefusedBeforeTheStreamStarts() throws Exception {
        HttpResponse<InputStream> noQuery = CLIENT.send(HttpRequest.newBuilder(live).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(noQuery.statusCode()).isEqualTo(400);
        assertThat(new String(noQuery.body().readAllBytes(), StandardCharsets.UTF_8))
                .contains("\"errorType\":\"bad_data\"").contains("invalid parameter \\\"query\\\"");
        for (String[] bad : new String[][] {{"up", "10ms", "1m", "invalid parameter \\\"step\\\": must be at least 1000 ms"},
                {"up", "1s", "1y", "invalid parameter \\\"lookback\\\""}, {"sum(", "1s", "1m", "parse error"},
                {"up", "soon", "1m", "cannot parse \\\"soon\\\" to a valid duration"}}) {
            HttpResponse<InputStream> r = open(bad[0], bad[1], bad[2]);
            assertThat(r.statusCode()).as(String.join(" ", bad)).isEqualTo(400);
            assertThat(new String(r.body().readAllBytes(), StandardCharsets.UTF_8)).contains(bad[3]);
        }
    }
}

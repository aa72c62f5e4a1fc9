package io.vigil.query.api.range;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vigil.testkit.ExpectedBuckets;
import io.vigil.testkit.VigilInfra;
import io.vigil.testkit.VigilInfraResource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The range API over real TimescaleDB and Redis. Samples are seeded with SQL (the query service does
 * not own the writer); expected answers are computed here from the same samples.
 */
@QuarkusTest
@WithTestResource(value = VigilInfraResource.class, initArgs = @ResourceArg(name = "kafka", value = "false"))
class RangeIT {
    private static final String[] HOSTS = {"h1", "h2", "h3", "h4"};
    private static final String[] REGIONS = {"eu", "eu", "us", "us"};
    private static final long HOUR = 3_600_000;
    private static final long RECENT = (System.currentTimeMillis() / HOUR - 2) * HOUR;
    private static final long OLD = (System.currentTimeMillis() / HOUR - 72) * HOUR;
    private static final int SAMPLES = 60; // ten minutes at 10 s

    @BeforeAll
    static void seed() throws Exception {
        try (Connection c = VigilInfra.timescale().connect()) {
            for (String metric : new String[] {"it.range.cpu", "it.range.old"}) {
                long base = metric.equals("it.range.cpu") ? RECENT : OLD;
                for (int h = 0; h < HOSTS.length; h++) {
                    long id = io.vigil.model.Labels.of(metric, Map.of("host", HOSTS[h], "region", REGIONS[h], "env", "prod"))
                            .seriesId();
                    try (PreparedStatement ps = c.prepareStatement("INSERT INTO series VALUES (?, ?, ?::jsonb, now(), now()) "
                            + "ON CONFLICT DO NOTHING")) {
                        ps.setLong(1, id);
                        ps.setString(2, metric);
                        ps.setString(3, "{\"host\":\"" + HOSTS[h] + "\",\"region\":\"" + REGIONS[h] + "\",\"env\":\"prod\"}");
                        ps.executeUpdate();
                    }
                    try (PreparedStatement ps = c.prepareStatement("INSERT INTO samples SELECT to_timestamp((? + i * 10000) / 1000.0), ?, "
                            + "? + i FROM generate_series(0, ?) i ON CONFLICT DO NOTHING")) {
                        ps.setLong(1, base);
                        ps.setLong(2, id);
                        ps.setDouble(3, value(h, 0));
                        ps.setInt(4, SAMPLES - 1);
                        ps.executeUpdate();
                    }
                }
            }
        }
    }

    private static double value(int host, int i) {
        return host * 100 + i + 0.25;
    }

    /** Expected buckets: group → bucket start (s) → aggregated value, computed from the seeded samples. */
    private static Map<String, Map<Long, Double>> expected(long base, long stepMillis, String agg, boolean byRegion,
            String onlyHost) {
        ExpectedBuckets expected = new ExpectedBuckets();
        for (int h = 0; h < HOSTS.length; h++) {
            if (onlyHost == null || onlyHost.equals(HOSTS[h])) {
                for (int i = 0; i < SAMPLES; i++) {
                    long t = base + i * 10_000L;
                    expected.add(byRegion ? REGIONS[h] : "", Math.floorDiv(t, stepMillis) * stepMillis / 1000, value(h, i));
                }
            }
        }
        return expected.values(agg);
    }

    private static Map<String, Map<Long, Double>> actual(JsonPath body, boolean byRegion) {
        Map<String, Map<Long, Double>> out = new TreeMap<>();
        List<Map<String, Object>> series = body.getList("data.series");
        for (Map<String, Object> s : series) {
            @SuppressWarnings("unchecked")
            Map<String, String> labels = (Map<String, String>) s.get("labels");
            String group = byRegion ? labels.get("region") : "";
            @SuppressWarnings("unchecked")
            List<List<Number>> points = (List<List<Number>>) s.get("points");
            for (List<Number> p : points) {
                out.computeIfAbsent(group, g -> new TreeMap<>()).put(p.get(0).longValue(), p.get(1).doubleValue());
            }
        }
        return out;
    }

    private static JsonPath query(String metric, long base, String step, String agg, String by, String... match) {
        var request = given().queryParam("metric", metric).queryParam("start", base / 1000)
                .queryParam("end", (base + SAMPLES * 10_000L) / 1000).queryParam("step", step).queryParam("agg", agg);
        if (by != null) {
            request.queryParam("by", by);
        }
        for (String m : match) {
            request.queryParam("match", m);
        }
        return request.get("/api/v1/range").then().statusCode(200).body("status", equalTo("success")).extract().jsonPath();
    }

    @Test
    void everyAggregationWithAndWithoutGroupingMatchesTheSamples() {
        for (String agg : new String[] {"avg", "sum", "min", "max", "count"}) {
            for (boolean byRegion : new boolean[] {false, true}) {
                JsonPath body = query("it.range.cpu", RECENT, "60", agg, byRegion ? "region" : null, "env:prod");
                assertThat(body.getString("data.tier")).isEqualTo("1m");
                Map<String, Map<Long, Double>> actual = actual(body, byRegion);
                Map<String, Map<Long, Double>> expected = expected(RECENT, 60_000, agg, byRegion, null);
                assertThat(actual.keySet()).as(agg).isEqualTo(expected.keySet());
                expected.forEach((g, buckets) -> buckets.forEach((b, v) ->
                        assertThat(actual.get(g).get(b)).as(agg + " " + g + " @" + b).isCloseTo(v, within(v))));
                assertThat(actual.values().stream().mapToInt(Map::size).sum())
                        .isEqualTo(expected.values().stream().mapToInt(Map::size).sum());
            }
        }
    }

    @Test
    void finerStepsComeFromRawSamplesAndMatchesFilter() {
        JsonPath body = query("it.range.cpu", RECENT, "10s", "max", null, "host:h3");
        assertThat(body.getString("data.tier")).isEqualTo("raw");
        assertThat(actual(body, false)).isEqualTo(expected(RECENT, 10_000, "max", false, "h3"));
        JsonPath nothing = query("it.range.cpu", RECENT, "60", "avg", null, "host:nope");
        assertThat(nothing.getList("data.series")).isEmpty();
    }

    @Test
    void closedRangesAreServedFromRedisAndSurviveItsOutage() {
        JsonPath first = query("it.range.old", OLD, "60", "sum", "region");
        assertThat(first.getBoolean("data.cached")).isFalse();
        JsonPath second = query("it.range.old", OLD, "60", "sum", "region");
        assertThat(second.getBoolean("data.cached")).isTrue();
        assertThat(actual(second, true)).isEqualTo(actual(first, true)).isEqualTo(expected(OLD, 60_000, "sum", true, null));
        // Two hours old is closed too: blocks are cached once no sample can still arrive on time.
        query("it.range.cpu", RECENT, "60", "sum", null);
        assertThat(query("it.range.cpu", RECENT, "60", "sum", null).getBoolean("data.cached")).isTrue();
        // A range reaching "now" has an open edge, computed on every request.
        long now = System.currentTimeMillis() / 1000;
        for (int i = 0; i < 2; i++) {
            assertThat(given().queryParam("metric", "it.range.cpu").queryParam("start", now - 3600).queryParam("end", now)
                    .queryParam("step", 60).get("/api/v1/range").then().statusCode(200).extract().jsonPath()
                    .getBoolean("data.cached")).isFalse();
        }

        VigilInfra.redis().kill();
        try {
            JsonPath degraded = query("it.range.old", OLD, "60", "sum", "region");
            assertThat(degraded.getBoolean("data.cached")).isFalse();
            assertThat(actual(degraded, true)).isEqualTo(actual(first, true));
        } finally {
            VigilInfra.redis().restart();
        }
    }

    @Test
    void badQueriesGet400WithTheReasonAndHugeOnes422() {
        given().queryParam("metric", "it.range.cpu").queryParam("start", "soon").queryParam("end", "1")
                .get("/api/v1/range").then().statusCode(400).body("errorType", equalTo("bad_data"))
                .body("error", containsString("start \"soon\""));
        given().queryParam("metric", "it.range.cpu").queryParam("start", 0).queryParam("end", 1).queryParam("agg", "p99")
                .get("/api/v1/range").then().statusCode(400).body("error", containsString("agg \"p99\""));
        given().queryParam("start", 0).queryParam("end", 1).get("/api/v1/range").then().statusCode(400)
                .body("error", containsString("metric is missing"));
        given().queryParam("metric", "it.range.cpu").queryParam("start", 0).queryParam("end", 10_000_000).queryParam("step", 1)
                .get("/api/v1/range").then().statusCode(422).body("error", containsString("increase step"));
    }

    private static org.assertj.core.data.Offset<Double> within(double v) {
        return org.assertj.core.data.Offset.offset(Math.max(1e-9, Math.abs(v) * 1e-12));
    }
}

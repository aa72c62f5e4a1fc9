package io.vigil.query.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vigil.promql.ast.LabelMatcher;
import io.vigil.promql.ast.LabelMatcher.MatchType;
import io.vigil.query.promql.LabelSet;
import io.vigil.query.promql.QueryContext;
import io.vigil.query.promql.QueryException;
import io.vigil.query.promql.QueryLimits;
import io.vigil.query.promql.Selection;
import io.vigil.query.promql.SeriesData;
import io.vigil.testkit.VigilInfra;
import io.vigil.testkit.VigilInfraResource;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * SqlSeriesSource on real TimescaleDB: matcher semantics (pushed into SQL or not, the answer is
 * Prometheus'), limits, staleness markers and the tier that answers.
 */
@QuarkusTest
@WithTestResource(value = VigilInfraResource.class, initArgs = @ResourceArg(name = "kafka", value = "false"))
class SqlSeriesSourceIT {
    static final long HOUR = 3_600_000;
    static final long MIN = 60_000;
    /** Three hours of data ending an hour ago, on whole hours: every tier holds it. */
    static final long BASE = (System.currentTimeMillis() / HOUR - 4) * HOUR;
    static final long END = BASE + 3 * HOUR;
    static final long STEP = 15_000;
    static final String HTTP = "it_src_http";

    static final List<Map<String, String>> HTTP_SERIES = List.of(
            Map.of("job", "api", "path", "/a", "code", "200"),
            Map.of("job", "api", "path", "/b", "code", "500"),
            Map.of("job", "web", "path", "/a", "code", "200", "env", "prod"),
            Map.of("job", "web-canary", "path", "/a\nb", "code", "404"),
            Map.of("job", "api.v2", "code", "200"),
            Map.of("job", "apixv2"),
            Map.of("job", "日本"),
            Map.of("job", "q\"uo\\te'); DROP TABLE series; --"));

    @Inject
    SqlSeriesSource source;

    @BeforeAll
    static void seed() throws Exception {
        try (Connection c = VigilInfra.timescale().connect()) {
            SeriesTables tables = new SeriesTables(c);
            int n = (int) ((END - BASE) / STEP);
            for (Map<String, String> labels : HTTP_SERIES) {
                tables.samples(tables.series(HTTP, labels, BASE, END), times(n), counter(n, 1));
            }
            tables.samples(tables.series("it_src_other", Map.of("job", "api"), BASE, END), times(n), counter(n, 1));
            // a series whose catalogue row says it ended long before the range: not read
            tables.samples(tables.series(HTTP, Map.of("job", "gone"), BASE - 30 * 24 * HOUR, BASE - 29 * 24 * HOUR),
                    times(n), counter(n, 1));
            long stale = tables.series("it_src_stale", Map.of("job", "s"), BASE, END);
            tables.samples(stale, new long[] {BASE, BASE + STEP, BASE + 2 * STEP, BASE + 3 * STEP, BASE + 4 * STEP},
                    new double[] {1, 2, Double.longBitsToDouble(SeriesData.STALE_NAN_BITS), Double.NaN, 3});
            tables.refreshRollups(BASE, END);
        }
    }

    static long[] times(int n) {
        long[] t = new long[n];
        for (int i = 0; i < n; i++) {
            t[i] = BASE + i * STEP;
        }
        return t;
    }

    /** A counter growing by {@code rate} per sample with small irregular increments. */
    static double[] counter(int n, double rate) {
        double[] v = new double[n];
        for (int i = 1; i < n; i++) {
            v[i] = v[i - 1] + rate * (1 + (i * 7 % 5) / 4.0);
        }
        return v;
    }

    private static LabelMatcher m(String name, MatchType type, String value) {
        return new LabelMatcher(name, type, value);
    }

    private List<SeriesData> select(QueryContext context, long step, LabelMatcher... matchers) {
        return source.select(new Selection(List.of(matchers), BASE, END, step, 0, null), context);
    }

    private List<String> jobs(LabelMatcher... matchers) {
        List<String> jobs = new ArrayList<>();
        for (SeriesData d : select(new QueryContext(QueryLimits.DEFAULT), STEP, matchers)) {
            jobs.add(d.labels().get("job"));
        }
        return jobs;
    }

    private static LabelMatcher http() {
        return m("__name__", MatchType.EQUAL, HTTP);
    }

    @Test
    void equalityAndNegation() {
        assertThat(jobs(http())).hasSize(HTTP_SERIES.size());
        assertThat(jobs(http(), m("job", MatchType.EQUAL, "api"))).containsExactly("api", "api");
        assertThat(jobs(http(), m("job", MatchType.NOT_EQUAL, "api"))).hasSize(HTTP_SERIES.size() - 2);
        assertThat(jobs(m("job", MatchType.EQUAL, "api"))).hasSize(3);
        assertThat(jobs(http(), m("job", MatchType.EQUAL, "api"), m("path", MatchType.EQUAL, "/b")))
                .containsExactly("api");
        assertThat(jobs(m("__name__", MatchType.NOT_EQUAL, HTTP), m("job", MatchType.EQUAL, "api"))).hasSize(1);
        // values with quotes, backslashes and SQL reach the JSON containment intact
        assertThat(jobs(http(), m("job", MatchType.EQUAL, HTTP_SERIES.get(7).get("job")))).hasSize(1);
        assertThat(jobs(http(), m("job", MatchType.EQUAL, "日本"))).containsExactly("日本");
    }

    @Test
    void emptyValueMeansAbsent() {
        assertThat(jobs(http(), m("env", MatchType.EQUAL, ""))).hasSize(HTTP_SERIES.size() - 1);
        assertThat(jobs(http(), m("env", MatchType.NOT_EQUAL, ""))).containsExactly("web");
        assertThat(jobs(http(), m("path", MatchType.REGEX, "/a|"))).containsExactlyInAnyOrder("api", "web", "api.v2",
                "apixv2", "日本", HTTP_SERIES.get(7).get("job"));
        assertThat(jobs(http(), m("path", MatchType.NOT_REGEX, ".+"))).hasSize(4);
        assertThat(jobs(http(), m("path", MatchType.NOT_REGEX, ".*"))).isEmpty();
        assertThat(jobs(http(), m("nolabel", MatchType.REGEX, ".+"))).isEmpty();
        assertThat(jobs(http(), m("__name__", MatchType.EQUAL, ""))).isEmpty();
    }

    @Test
    void regexesAreAnchoredAndFollowRe2() {
        assertThat(jobs(http(), m("job", MatchType.REGEX, "api"))).containsExactly("api", "api");
        assertThat(jobs(http(), m("job", MatchType.REGEX, "api.*"))).containsExactlyInAnyOrder("api", "api", "api.v2",
                "apixv2");
        assertThat(jobs(http(), m("job", MatchType.REGEX, "api\\.v2"))).containsExactly("api.v2");
        assertThat(jobs(http(), m("job", MatchType.REGEX, "api.v2"))).containsExactlyInAnyOrder("api.v2", "apixv2");
        assertThat(jobs(http(), m("job", MatchType.REGEX, "web|api"))).containsExactlyInAnyOrder("api", "api", "web");
        assertThat(jobs(http(), m("job", MatchType.REGEX, "WEB"))).isEmpty();
        assertThat(jobs(http(), m("job", MatchType.REGEX, "(?i)WEB"))).containsExactly("web");
        assertThat(jobs(http(), m("job", MatchType.REGEX, "we"))).isEmpty();
        assertThat(jobs(http(), m("path", MatchType.REGEX, "/a.b"))).containsExactly("web-canary");
        assertThat(jobs(http(), m("job", MatchType.REGEX, "日.*"))).containsExactly("日本");
        assertThat(jobs(http(), m("job", MatchType.NOT_REGEX, "api.*"))).hasSize(HTTP_SERIES.size() - 4);
        assertThat(jobs(http(), m("code", MatchType.REGEX, "[45]\\d\\d"))).containsExactlyInAnyOrder("api", "web-canary");
        assertThat(jobs(http(), m("code", MatchType.REGEX, "[[:digit:]]{3}"))).hasSize(5);
        assertThat(jobs(m("__name__", MatchType.REGEX, "it_src_.*"), m("job", MatchType.EQUAL, "api"))).hasSize(3);
        assertThat(jobs(m("__name__", MatchType.REGEX, "it_src_h.*p"))).hasSize(HTTP_SERIES.size());
        assertThat(jobs(m("__name__", MatchType.REGEX, "it_src_http|it_src_other"), m("job", MatchType.REGEX, "a.i")))
                .hasSize(3);
    }

    @Test
    void selectorsThatMatchEverythingAndBadRegexesAreBadData() {
        for (LabelMatcher[] bad : new LabelMatcher[][] {{m("__name__", MatchType.REGEX, ".*")},
                {m("job", MatchType.REGEX, ".*"), m("env", MatchType.EQUAL, "")}, {http(), m("job", MatchType.REGEX, "(")},
                {http(), m("job", MatchType.REGEX, "(a)\\1")}}) {
            assertThatThrownBy(() -> select(new QueryContext(QueryLimits.DEFAULT), STEP, bad))
                    .isInstanceOf(QueryException.class).extracting(e -> ((QueryException) e).kind())
                    .isEqualTo(QueryException.Kind.BAD_DATA);
        }
    }

    @Test
    void seriesAndSampleLimitsAreExecutionErrorsNamingTheLimit() {
        QueryContext two = new QueryContext(new QueryLimits(2, 1_000_000, 11_000, Duration.ofSeconds(30)));
        assertThatThrownBy(() -> select(two, STEP, http(), m("job", MatchType.REGEX, "api.*")))
                .isInstanceOf(QueryException.class).hasMessageContaining("more than 2 series")
                .hasMessageContaining("{__name__=\"it_src_http\", job=~\"api.*\"}")
                .extracting(e -> ((QueryException) e).kind()).isEqualTo(QueryException.Kind.EXECUTION);
        QueryContext seven = new QueryContext(new QueryLimits(7, 1_000_000, 11_000, Duration.ofSeconds(30)));
        assertThatThrownBy(() -> select(seven, STEP, http())).hasMessageContaining("more than 7 series");
        QueryContext eight = new QueryContext(new QueryLimits(8, 1_000_000, 11_000, Duration.ofSeconds(30)));
        assertThat(select(eight, STEP, http())).hasSize(8);

        QueryContext samples = new QueryContext(new QueryLimits(100, 500, 11_000, Duration.ofSeconds(30)));
        assertThatThrownBy(() -> select(samples, STEP, http(), m("job", MatchType.EQUAL, "web")))
                .isInstanceOf(QueryException.class).hasMessageContaining("too many samples").hasMessageContaining("500")
                .extracting(e -> ((QueryException) e).kind()).isEqualTo(QueryException.Kind.EXECUTION);
        assertThat(samples.samplesLoaded()).isEqualTo(501);
    }

    @Test
    void stalenessMarkersKeepTheirBitsAndPlainNaNStaysPlain() {
        QueryContext context = new QueryContext(QueryLimits.DEFAULT);
        SeriesData d = select(context, STEP, m("__name__", MatchType.EQUAL, "it_src_stale")).getFirst();
        assertThat(d.size()).isEqualTo(5);
        assertThat(d.values()[0]).isEqualTo(1);
        assertThat(Double.doubleToRawLongBits(d.values()[2])).isEqualTo(SeriesData.STALE_NAN_BITS);
        assertThat(SeriesData.isStale(d.values()[2])).isTrue();
        assertThat(Double.isNaN(d.values()[3])).isTrue();
        assertThat(SeriesData.isStale(d.values()[3])).isFalse();
        assertThat(d.times()[2]).isEqualTo(BASE + 2 * STEP);
        assertThat(context.samplesLoaded()).isEqualTo(5);
        // rollups leave NaN out: the first 1m bucket has the two real samples of its four
        SeriesData rollup = source.withTier(Tier.ONE_MINUTE).select(new Selection(
                List.of(m("__name__", MatchType.EQUAL, "it_src_stale")), BASE, END, MIN, 0, null), context).getFirst();
        assertThat(rollup.rollup().count()[0]).isEqualTo(2);
        assertThat(rollup.rollup().sum()[0]).isEqualTo(3);
        assertThat(rollup.rollup().count()[1]).isEqualTo(1);
        assertThat(rollup.values()).doesNotContain(Double.NaN);
    }

    @Test
    void seriesLastSeenLongBeforeTheRangeAreNotRead() {
        assertThat(jobs(http(), m("job", MatchType.EQUAL, "gone"))).isEmpty();
    }

    @Test
    void theTierFollowsTheResolutionAndIsReported() {
        LabelMatcher web = m("job", MatchType.EQUAL, "web");
        QueryContext raw = new QueryContext(QueryLimits.DEFAULT);
        SeriesData r = select(raw, STEP, http(), web).getFirst();
        assertThat(raw.finestTier()).isEqualTo("raw");
        assertThat(r.tier()).isEqualTo("raw");
        assertThat(r.rollup()).isNull();
        assertThat(r.size()).isEqualTo((int) ((END - BASE) / STEP));

        QueryContext minute = new QueryContext(QueryLimits.DEFAULT);
        SeriesData m1 = select(minute, MIN, http(), web).getFirst();
        assertThat(minute.finestTier()).isEqualTo("1m");
        assertThat(m1.tier()).isEqualTo("1m");
        assertRollupMatchesRaw(r, m1, MIN);

        QueryContext hour = new QueryContext(QueryLimits.DEFAULT);
        SeriesData h1 = select(hour, HOUR, http(), web).getFirst();
        assertThat(hour.finestTier()).isEqualTo("1h");
        assertRollupMatchesRaw(r, h1, HOUR);

        // ten days later the same 15 s selection can only come from 1m buckets
        Clock later = Clock.fixed(Instant.ofEpochMilli(END + 10 * 24 * HOUR), ZoneOffset.UTC);
        QueryContext old = new QueryContext(QueryLimits.DEFAULT);
        source.withClock(later).select(new Selection(List.of(http(), web), BASE, END, STEP, 0, null), old);
        assertThat(old.finestTier()).isEqualTo("1m");
    }

    /** Buckets and end points of a rollup tier against the raw samples they summarize. */
    private static void assertRollupMatchesRaw(SeriesData raw, SeriesData rolled, long bucket) {
        SeriesData.Rollup r = rolled.rollup();
        assertThat(r.bucketMillis()).isEqualTo(bucket);
        assertThat(r.size()).isEqualTo((int) ((END - BASE) / bucket));
        List<Long> pointTimes = new ArrayList<>();
        for (int b = 0; b < r.size(); b++) {
            long start = r.start()[b];
            double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY, sum = 0;
            long count = 0;
            long first = -1, last = -1;
            for (int i = 0; i < raw.size(); i++) {
                long t = raw.times()[i];
                if (t >= start && t < start + bucket) {
                    double v = raw.values()[i];
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                    sum += v;
                    count++;
                    first = first < 0 ? t : first;
                    last = t;
                }
            }
            assertThat(r.count()[b]).isEqualTo(count);
            assertThat(r.min()[b]).isEqualTo(min);
            assertThat(r.max()[b]).isEqualTo(max);
            assertThat(r.sum()[b]).isCloseTo(sum, offset(1e-9 * Math.abs(sum)));
            pointTimes.add(first);
            pointTimes.add(last);
        }
        List<Long> actual = new ArrayList<>();
        for (int i = 0; i < rolled.size(); i++) {
            actual.add(rolled.times()[i]);
        }
        assertThat(actual).isEqualTo(pointTimes);
    }
}

package io.vigil.query.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vigil.query.promql.LabelSet;
import io.vigil.query.promql.PromqlEngine;
import io.vigil.query.promql.QueryLimits;
import io.vigil.query.promql.QueryResult;
import io.vigil.query.promql.QueryValue;
import io.vigil.query.promql.SeriesData;
import io.vigil.testkit.VigilInfra;
import io.vigil.testkit.VigilInfraResource;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The same PromQL over the same samples, answered from raw samples and from the 1m and 1h rollups.
 * Values are multiples of 1/4 and counters integers, so sums are exact in any order and "exact" below
 * means bit-for-bit equal. What query/README.md promises:
 *
 * <ul>
 * <li>exact: avg/min/max/sum/count_over_time whose window is a multiple of the bucket and has no sample
 * on its edges; rate/increase of counters without a reset inside a bucket; instant selectors at
 * bucket-aligned steps; aggregations of those;
 * <li>different, by an amount asserted here: a counter reset inside a bucket (the rollup sees one drop
 * from the bucket's first to its last value, and loses the growth before the reset), a staleness marker
 * (rollups hold none, so a series that went stale is still seen for up to the 5 minute lookback), and
 * samples exactly on a window edge (the raw window is (t - r, t], rollup buckets [t - r, t)).
 * </ul>
 */
@QuarkusTest
@WithTestResource(value = VigilInfraResource.class, initArgs = @ResourceArg(name = "kafka", value = "false"))
class RawVersusRollupIT {
    static final long SEC = 1_000;
    static final long MIN = 60_000;
    static final long HOUR = 3_600_000;
    static final long BASE = (System.currentTimeMillis() / HOUR - 30) * HOUR;
    static final long SPAN = 8 * HOUR;
    /** Samples every 15 s, 7 s past the quarter minute: never on a bucket or window edge. */
    static final long INTERVAL = 15 * SEC;
    static final long OFFSET = 7 * SEC;
    /** The counter of instance "d" restarts here: mid-minute, mid-hour. */
    static final long RESET_AT = BASE + 3 * HOUR + 25 * MIN + 37 * SEC;
    /** The gauge of instance "b" goes stale here and comes back 20 minutes later. */
    static final long STALE_AT = BASE + 4 * HOUR + 10 * MIN + 22 * SEC;
    static final long START = BASE + 2 * HOUR;
    static final long END = BASE + 7 * HOUR;

    static final String[] INSTANCES = {"a", "b", "c", "d"};
    static final Map<Long, Double> RESET_PEAK = new TreeMap<>();

    @Inject
    SqlSeriesSource source;

    @BeforeAll
    static void seed() throws Exception {
        int n = (int) (SPAN / INTERVAL);
        try (Connection c = VigilInfra.timescale().connect()) {
            SeriesTables tables = new SeriesTables(c);
            for (int s = 0; s < INSTANCES.length; s++) {
                Map<String, String> labels = Map.of("job", s < 2 ? "api" : "web", "instance", INSTANCES[s]);
                long[] t = new long[n];
                double[] counter = new double[n];
                double[] gauge = new double[n];
                int kept = 0;
                double value = 1000 * (s + 1);
                for (int i = 0; i < n; i++) {
                    long time = BASE + OFFSET + i * INTERVAL;
                    value += (i * 37 % 11) + 1 + s;
                    if (s == 3 && time == RESET_AT) {
                        RESET_PEAK.put(time, value - ((i * 37 % 11) + 1 + s));
                        value = 2;
                    }
                    t[i] = time;
                    counter[i] = value;
                    gauge[i] = 20 + ((i * 13 + s * 5) % 40) / 4.0;
                }
                tables.samples(tables.series("it_rvr_requests_total", labels, BASE, BASE + SPAN), t, counter);
                long[] gt = new long[n];
                double[] gv = new double[n];
                for (int i = 0; i < n; i++) {
                    if (s == 1 && t[i] > STALE_AT && t[i] < STALE_AT + 20 * MIN) {
                        continue;
                    }
                    gt[kept] = s == 1 && t[i] == STALE_AT ? STALE_AT : t[i];
                    gv[kept++] = s == 1 && t[i] == STALE_AT ? Double.longBitsToDouble(SeriesData.STALE_NAN_BITS) : gauge[i];
                }
                tables.samples(tables.series("it_rvr_temp", labels, BASE, BASE + SPAN),
                        Arrays.copyOf(gt, kept), Arrays.copyOf(gv, kept));
                // on the quarter minute exactly: samples on every window edge
                long[] et = new long[n];
                double[] ev = new double[n];
                for (int i = 0; i < n; i++) {
                    et[i] = BASE + i * INTERVAL;
                    ev[i] = gauge[i];
                }
                tables.samples(tables.series("it_rvr_edge", labels, BASE, BASE + SPAN), et, ev);
            }
            tables.refreshRollups(BASE, BASE + SPAN);
        }
    }

    private Map<LabelSet, QueryValue.Series> range(Tier tier, String query, long step) {
        QueryResult r = new PromqlEngine(source.withTier(tier)).range(query, START, END, step, QueryLimits.DEFAULT);
        assertThat(r.tier()).isEqualTo(tier.label());
        Map<LabelSet, QueryValue.Series> out = new TreeMap<>();
        for (QueryValue.Series s : ((QueryValue.Matrix) r.value()).series()) {
            out.put(s.labels(), s);
        }
        assertThat(out).as(query).isNotEmpty();
        return out;
    }

    private static Map<Long, Double> points(QueryValue.Series s) {
        Map<Long, Double> out = new TreeMap<>();
        for (int i = 0; i < s.size(); i++) {
            out.put(s.times()[i], s.values()[i]);
        }
        return out;
    }

    private void assertExact(String query, long step, Tier... rollups) {
        Map<LabelSet, QueryValue.Series> raw = range(Tier.RAW, query, step);
        for (Tier tier : rollups) {
            Map<LabelSet, QueryValue.Series> rolled = range(tier, query, step);
            assertThat(rolled.keySet()).as(query + " from " + tier.label()).isEqualTo(raw.keySet());
            raw.forEach((labels, series) -> assertThat(points(rolled.get(labels))).as(query + " " + labels + " from "
                    + tier.label()).isEqualTo(points(series)));
        }
    }

    @Test
    void overTimeAggregatesAreExactFromBothRollups() {
        for (String f : new String[] {"avg_over_time", "min_over_time", "max_over_time", "sum_over_time",
                "count_over_time"}) {
            assertExact(f + "(it_rvr_temp[1h])", HOUR, Tier.ONE_MINUTE, Tier.ONE_HOUR);
            assertExact(f + "(it_rvr_requests_total[2h])", HOUR, Tier.ONE_MINUTE, Tier.ONE_HOUR);
            assertExact(f + "(it_rvr_temp[10m])", 5 * MIN, Tier.ONE_MINUTE);
        }
        assertExact("sum by (job) (avg_over_time(it_rvr_temp[1h]))", HOUR, Tier.ONE_MINUTE, Tier.ONE_HOUR);
    }

    @Test
    void ratesOfCountersWithoutResetsAreExact() {
        for (String q : new String[] {"rate(it_rvr_requests_total{instance!=\"d\"}[1h])",
                "increase(it_rvr_requests_total{instance!=\"d\"}[1h])",
                "sum by (job) (rate(it_rvr_requests_total{instance!=\"d\"}[1h]))"}) {
            assertExact(q, HOUR, Tier.ONE_MINUTE, Tier.ONE_HOUR);
        }
        assertExact("rate(it_rvr_requests_total{instance!=\"d\"}[5m])", MIN, Tier.ONE_MINUTE);
    }

    @Test
    void instantSelectorsAtAlignedStepsAreExact() {
        assertExact("it_rvr_requests_total", HOUR, Tier.ONE_MINUTE, Tier.ONE_HOUR);
        assertExact("it_rvr_temp{instance!=\"b\"}", MIN, Tier.ONE_MINUTE);
        assertExact("sum by (job) (it_rvr_requests_total)", HOUR, Tier.ONE_MINUTE, Tier.ONE_HOUR);
    }

    @Test
    void aCounterResetInsideABucketLosesTheGrowthBeforeTheReset() {
        String q = "increase(it_rvr_requests_total{instance=\"d\"}[1h])";
        for (Tier tier : new Tier[] {Tier.ONE_MINUTE, Tier.ONE_HOUR}) {
            Map<Long, Double> raw = points(range(Tier.RAW, q, HOUR).values().iterator().next());
            Map<Long, Double> rolled = points(range(tier, q, HOUR).values().iterator().next());
            long bucket = tier.bucket().toMillis();
            long bucketStart = Math.floorDiv(RESET_AT, bucket) * bucket;
            long firstInBucket = bucketStart + Math.floorMod(OFFSET - bucketStart, INTERVAL);
            double peak = RESET_PEAK.get(RESET_AT);
            double lost = peak - counterValueAt(firstInBucket);
            int windowsWithReset = 0;
            for (long t : raw.keySet()) {
                boolean windowHasReset = RESET_AT > t - HOUR && RESET_AT <= t;
                if (!windowHasReset) {
                    assertThat(rolled.get(t)).as("%s at %d from %s", q, t, tier.label()).isEqualTo(raw.get(t));
                    continue;
                }
                // every window's first and last sample are 7-8 s from its edges: extrapolated to the full hour
                double factor = (double) HOUR / (HOUR - INTERVAL);
                assertThat(raw.get(t) - rolled.get(t)).as("%s loses from %s", q, tier.label())
                        .isCloseTo(lost * factor, offset(1e-6));
                assertThat(lost).isPositive();
                windowsWithReset++;
            }
            assertThat(windowsWithReset).isEqualTo(1);
        }
    }

    /** The value of instance d's counter at a sample time before the reset, as seeded. */
    private static double counterValueAt(long time) {
        int s = 3;
        double value = 1000 * (s + 1);
        for (int i = 0; BASE + OFFSET + i * INTERVAL <= time; i++) {
            value += (i * 37 % 11) + 1 + s;
        }
        return value;
    }

    @Test
    void aStaleSeriesLingersInRollupsForAtMostTheLookback() {
        String q = "it_rvr_temp{instance=\"b\"}";
        Map<Long, Double> raw = points(range(Tier.RAW, q, MIN).values().iterator().next());
        Map<Long, Double> rolled = points(range(Tier.ONE_MINUTE, q, MIN).values().iterator().next());
        int extra = 0;
        for (Map.Entry<Long, Double> e : rolled.entrySet()) {
            if (raw.containsKey(e.getKey())) {
                assertThat(e.getValue()).isEqualTo(raw.get(e.getKey()));
            } else {
                extra++;
                assertThat(e.getKey()).isGreaterThan(STALE_AT).isLessThanOrEqualTo(STALE_AT + 5 * MIN);
            }
        }
        assertThat(raw.keySet()).isSubsetOf(rolled.keySet());
        assertThat(extra).isEqualTo(5); // the steps in (STALE_AT, STALE_AT + 5m]
    }

    @Test
    void samplesOnWindowEdgesSwapTheOldestForTheNewest() {
        String q = "sum_over_time(it_rvr_edge{instance=\"a\"}[1h])";
        Map<Long, Double> raw = points(range(Tier.RAW, q, HOUR).values().iterator().next());
        Map<Long, Double> count = points(range(Tier.RAW, "count_over_time(it_rvr_edge{instance=\"a\"}[1h])", HOUR)
                .values().iterator().next());
        for (Tier tier : new Tier[] {Tier.ONE_MINUTE, Tier.ONE_HOUR}) {
            Map<Long, Double> rolled = points(range(tier, q, HOUR).values().iterator().next());
            Map<Long, Double> rolledCount = points(range(tier, "count_over_time(it_rvr_edge{instance=\"a\"}[1h])", HOUR)
                    .values().iterator().next());
            assertThat(rolledCount).isEqualTo(count);
            for (long t : raw.keySet()) {
                // the rollup window holds the sample at t - 1h instead of the one at t
                assertThat(rolled.get(t) - raw.get(t)).isEqualTo(edgeValue(t - HOUR) - edgeValue(t));
            }
        }
    }

    private static double edgeValue(long time) {
        int i = (int) ((time - BASE) / INTERVAL);
        return 20 + ((i * 13) % 40) / 4.0;
    }
}

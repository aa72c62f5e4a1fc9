package io.vigil.query.promql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.query.promql.datafile.LoadedSeries;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the engine asks storage for, how it uses rollup tiers, and how it enforces limits. */
class PromqlEngineTest {
    private static final long MINUTE = 60_000;

    private static MemorySeriesSource store() {
        MemorySeriesSource store = new MemorySeriesSource();
        long[] t = new long[121];
        double[] v = new double[121];
        for (int i = 0; i < t.length; i++) {
            t[i] = i * MINUTE;
            v[i] = i * 60.0;
        }
        store.load(List.of(new LoadedSeries(LabelSet.of("__name__", "x", "job", "a"), t, v)));
        return store;
    }

    @Test
    void rangeQueryReadsEachSelectorOnceForTheWholeRange() {
        MemorySeriesSource store = store();
        QueryResult r = new PromqlEngine(store).range("rate(x[5m]) + on(job) x", 30 * MINUTE, 90 * MINUTE, MINUTE,
                QueryLimits.DEFAULT);

        assertThat(store.selections()).hasSize(2);
        Selection rate = store.selections().get(0);
        assertThat(rate.function()).isEqualTo("rate");
        assertThat(rate.rangeMillis()).isEqualTo(5 * MINUTE);
        assertThat(rate.stepMillis()).isEqualTo(MINUTE);
        assertThat(rate.minTimeMillis()).isEqualTo(25 * MINUTE + 1);
        assertThat(rate.maxTimeMillis()).isEqualTo(90 * MINUTE);
        assertThat(rate.matchers()).extracting(m -> m.value()).containsExactly("x");
        Selection instant = store.selections().get(1);
        assertThat(instant.function()).isNull();
        assertThat(instant.minTimeMillis()).isEqualTo(25 * MINUTE + 1);

        QueryValue.Matrix m = (QueryValue.Matrix) r.value();
        assertThat(m.series()).hasSize(1);
        assertThat(m.series().get(0).size()).isEqualTo(61);
        assertThat(m.series().get(0).values()[0]).isEqualTo(1 + 30 * 60.0);
        assertThat(r.tier()).isEqualTo("raw");
    }

    @Test
    void offsetAndSubqueriesWidenTheSingleRead() {
        MemorySeriesSource store = store();
        new PromqlEngine(store).range("max_over_time(x[10m:1m] offset 5m)", 60 * MINUTE, 120 * MINUTE, 10 * MINUTE,
                QueryLimits.DEFAULT);

        assertThat(store.selections()).hasSize(1);
        Selection s = store.selections().get(0);
        // Outer windows end at 55m..115m; the subquery's first point is 46m, whose lookback starts after 41m.
        assertThat(s.minTimeMillis()).isEqualTo(41 * MINUTE + 1);
        assertThat(s.maxTimeMillis()).isEqualTo(115 * MINUTE);
    }

    @Test
    void rollupAggregatesAnswerOverTimeFunctionsAndPointsAnswerRate() {
        // One series from the 1m tier: buckets 0..9, each with 6 raw samples whose min is the bucket
        // index, max index + 100, sum 10 × index, and first/last points 1 and 2 apart.
        int buckets = 10;
        long[] start = new long[buckets];
        double[] min = new double[buckets];
        double[] max = new double[buckets];
        double[] sum = new double[buckets];
        long[] count = new long[buckets];
        long[] times = new long[buckets * 2];
        double[] values = new double[buckets * 2];
        for (int b = 0; b < buckets; b++) {
            start[b] = b * MINUTE;
            min[b] = b;
            max[b] = b + 100;
            sum[b] = 10.0 * b;
            count[b] = 6;
            times[2 * b] = b * MINUTE;
            values[2 * b] = 10.0 * b;
            times[2 * b + 1] = b * MINUTE + 50_000;
            values[2 * b + 1] = 10.0 * b + 5;
        }
        SeriesData.Rollup rollup = new SeriesData.Rollup(MINUTE, start, min, max, sum, count, buckets);
        List<Selection> asked = new ArrayList<>();
        SeriesSource source = (selection, context) -> {
            asked.add(selection);
            return List.of(new SeriesData(LabelSet.of("__name__", "x"), times, values, times.length, rollup, "1m"));
        };
        PromqlEngine engine = new PromqlEngine(source);

        // Window [5m, 10m]: buckets 5..9 lie inside.
        QueryResult maxResult = engine.instant("max_over_time(x[5m])", 10 * MINUTE, QueryLimits.DEFAULT);
        assertThat(single(maxResult)).isEqualTo(109);
        assertThat(single(engine.instant("min_over_time(x[5m])", 10 * MINUTE, QueryLimits.DEFAULT))).isEqualTo(5);
        assertThat(single(engine.instant("sum_over_time(x[5m])", 10 * MINUTE, QueryLimits.DEFAULT)))
                .isEqualTo(10.0 * (5 + 6 + 7 + 8 + 9));
        assertThat(single(engine.instant("count_over_time(x[5m])", 10 * MINUTE, QueryLimits.DEFAULT))).isEqualTo(30);
        assertThat(single(engine.instant("avg_over_time(x[5m])", 10 * MINUTE, QueryLimits.DEFAULT)))
                .isEqualTo(350.0 / 30);
        assertThat(maxResult.tier()).isEqualTo("1m");
        assertThat(asked.get(0).function()).isEqualTo("max_over_time");
        assertThat(asked.get(0).rangeMillis()).isEqualTo(5 * MINUTE);

        // Everything else reads the first/last points: those in (5m, 10m] are 5m50s (55) … 9m50s (95).
        assertThat(single(engine.instant("last_over_time(x[5m])", 10 * MINUTE, QueryLimits.DEFAULT))).isEqualTo(95);
        // increase: 40 over 240 s between 9 points (30 s apart on average); 50 s to the window start is
        // more than 1.1 intervals, so only 15 s are added there, and the 10 s to the end in full.
        assertThat(single(engine.instant("increase(x[5m])", 10 * MINUTE, QueryLimits.DEFAULT)))
                .isCloseTo(40 * 265.0 / 240, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void parseErrorsAreBadData() {
        assertThatThrownBy(() -> new PromqlEngine(store()).instant("sum(", 0, QueryLimits.DEFAULT))
                .isInstanceOfSatisfying(QueryException.class, e -> {
                    assertThat(e.kind()).isEqualTo(QueryException.Kind.BAD_DATA);
                    assertThat(e.getMessage()).contains("parse error");
                });
    }

    @Test
    void deadlineStopsEvaluation() {
        QueryLimits noTime = new QueryLimits(10_000, 50_000_000L, 11_000, Duration.ZERO);
        assertThatThrownBy(() -> new PromqlEngine(store()).range("x", 0, 100 * MINUTE, MINUTE, noTime))
                .isInstanceOfSatisfying(QueryException.class,
                        e -> assertThat(e.kind()).isEqualTo(QueryException.Kind.TIMEOUT));
    }

    @Test
    void tooManyPointsIsAnExecutionError() {
        QueryLimits few = new QueryLimits(10_000, 50_000_000L, 10, Duration.ofSeconds(30));
        assertThatThrownBy(() -> new PromqlEngine(store()).range("x", 0, 10 * MINUTE, MINUTE, few))
                .isInstanceOfSatisfying(QueryException.class, e -> {
                    assertThat(e.kind()).isEqualTo(QueryException.Kind.EXECUTION);
                    assertThat(e.getMessage()).startsWith("query would return too many points");
                });
    }

    @Test
    void sampleLimitOfTheStoreIsAnExecutionError() {
        QueryLimits tiny = new QueryLimits(10_000, 5, 11_000, Duration.ofSeconds(30));
        assertThatThrownBy(() -> new PromqlEngine(store()).instant("x[1h]", 60 * MINUTE, tiny))
                .isInstanceOfSatisfying(QueryException.class,
                        e -> assertThat(e.kind()).isEqualTo(QueryException.Kind.EXECUTION));
    }

    private static double single(QueryResult r) {
        QueryValue.Vector v = (QueryValue.Vector) r.value();
        assertThat(v.samples()).hasSize(1);
        return v.samples().get(0).value();
    }
}

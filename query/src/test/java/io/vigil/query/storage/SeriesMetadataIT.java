package io.vigil.query.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vigil.promql.ast.LabelMatcher;
import io.vigil.promql.ast.LabelMatcher.MatchType;
import io.vigil.query.promql.LabelSet;
import io.vigil.query.promql.QueryException;
import io.vigil.testkit.VigilInfra;
import io.vigil.testkit.VigilInfraResource;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The catalogue listings behind the Prometheus metadata endpoints, on real TimescaleDB. */
@QuarkusTest
@WithTestResource(value = VigilInfraResource.class, initArgs = @ResourceArg(name = "kafka", value = "false"))
class SeriesMetadataIT {
    static final long HOUR = 3_600_000;
    static final long DAY = 24 * HOUR;
    static final long NOW = System.currentTimeMillis();

    @Inject
    SeriesMetadata metadata;

    @BeforeAll
    static void seed() throws Exception {
        try (Connection c = VigilInfra.timescale().connect()) {
            SeriesTables t = new SeriesTables(c);
            t.series("it_meta_cpu", Map.of("host", "h1", "region", "eu"), NOW - 2 * HOUR, NOW);
            t.series("it_meta_cpu", Map.of("host", "h2", "region", "us"), NOW - 2 * HOUR, NOW);
            t.series("it_meta_mem", Map.of("host", "h1"), NOW - 2 * HOUR, NOW);
            t.series("it_meta_old", Map.of("host", "h9", "dc", "x"), NOW - 20 * DAY, NOW - 10 * DAY);
        }
    }

    private static List<LabelMatcher> sel(String name, MatchType type, String value) {
        return List.of(new LabelMatcher(name, type, value));
    }

    private static final List<LabelMatcher> CPU = sel("__name__", MatchType.EQUAL, "it_meta_cpu");
    private static final List<LabelMatcher> ALL_META = sel("__name__", MatchType.REGEX, "it_meta_.*");

    private static List<LabelMatcher> metaHost(String host) {
        return List.of(new LabelMatcher("__name__", MatchType.REGEX, "it_meta_.*"), new LabelMatcher("host", MatchType.EQUAL, host));
    }

    @Test
    void seriesOfEverySelectorOnceSortedAndLimited() {
        // Other ITs of this JVM share the database: the second selector is pinned to this test's metrics.
        List<LabelSet> series = metadata.series(List.of(CPU, metaHost("h1")), NOW - HOUR, NOW, 0);
        assertThat(series).containsExactly(LabelSet.of("__name__", "it_meta_cpu", "host", "h1", "region", "eu"),
                LabelSet.of("__name__", "it_meta_cpu", "host", "h2", "region", "us"),
                LabelSet.of("__name__", "it_meta_mem", "host", "h1"));
        assertThat(metadata.series(List.of(CPU), NOW - HOUR, NOW, 1)).hasSize(1);
        assertThatThrownBy(() -> metadata.series(List.of(), NOW - HOUR, NOW, 0)).isInstanceOf(QueryException.class)
                .hasMessageContaining("no match[]");
        assertThatThrownBy(() -> metadata.series(List.of(sel("host", MatchType.REGEX, ".*")), NOW - HOUR, NOW, 0))
                .isInstanceOf(QueryException.class).hasMessageContaining("non-empty matcher");
    }

    @Test
    void timeRangesUseTheCatalogueColumnsWithTheirSlack() {
        assertThat(metadata.series(List.of(ALL_META), NOW - HOUR, NOW, 0)).extracting(LabelSet::metricName)
                .doesNotContain("it_meta_old");
        assertThat(metadata.series(List.of(ALL_META), NOW - 15 * DAY, NOW - 12 * DAY, 0))
                .extracting(LabelSet::metricName).containsExactly("it_meta_old");
        // last_seen lags by up to the refresh interval: a range starting an hour after it still lists the series
        assertThat(metadata.series(List.of(ALL_META), NOW - 10 * DAY + HOUR, NOW - 9 * DAY, 0))
                .extracting(LabelSet::metricName).containsExactly("it_meta_old");
        assertThat(metadata.series(List.of(ALL_META), NOW - 10 * DAY + 3 * HOUR, NOW - 9 * DAY, 0)).isEmpty();
    }

    @Test
    void labelNamesIncludeTheMetricName() {
        assertThat(metadata.labelNames(List.of(CPU), NOW - HOUR, NOW, 0)).containsExactly("__name__", "host", "region");
        assertThat(metadata.labelNames(List.of(CPU), NOW - HOUR, NOW, 2)).containsExactly("__name__", "host");
        assertThat(metadata.labelNames(List.of(), NOW - HOUR, NOW, 0)).contains("__name__", "host", "region")
                .doesNotContain("dc").isSorted();
    }

    @Test
    void labelValuesOfTheMetricNameAreMetricNames() {
        assertThat(metadata.labelValues("__name__", List.of(), NOW - HOUR, NOW, 0)).contains("it_meta_cpu", "it_meta_mem")
                .doesNotContain("it_meta_old").isSorted();
        assertThat(metadata.labelValues("__name__", List.of(metaHost("h1")), NOW - HOUR, NOW, 0))
                .containsExactly("it_meta_cpu", "it_meta_mem");
        assertThat(metadata.labelValues("host", List.of(CPU), NOW - HOUR, NOW, 0)).containsExactly("h1", "h2");
        assertThat(metadata.labelValues("host", List.of(CPU), NOW - HOUR, NOW, 1)).containsExactly("h1");
        assertThat(metadata.labelValues("region", List.of(sel("__name__", MatchType.EQUAL, "it_meta_mem")), NOW - HOUR,
                NOW, 0)).isEmpty();
        assertThat(metadata.labelValues("dc", List.of(), NOW - 15 * DAY, NOW - 12 * DAY, 0)).containsExactly("x");
    }

    @Test
    void hostileNamesAreParametersNotSql() {
        assertThat(metadata.labelValues("x'); DROP TABLE series; --", List.of(), NOW - HOUR, NOW, 0)).isEmpty();
        assertThat(metadata.labelValues("host", List.of(sel("host\"}'", MatchType.EQUAL, "a'--")), NOW - HOUR, NOW, 0))
                .isEmpty();
        assertThat(metadata.labelValues("host", List.of(CPU), NOW - HOUR, NOW, 0)).hasSize(2);
        assertThatThrownBy(() -> metadata.labelValues("", List.of(), 0, 1, 0)).isInstanceOf(QueryException.class);
    }

    @Test
    void metadataReportsEveryMetricAsUnknown() {
        assertThat(metadata.metadata("it_meta_cpu", 0)).isEqualTo(Map.of("it_meta_cpu", List.of(MetricMetadata.UNKNOWN)));
        assertThat(metadata.metadata(null, 0)).containsKeys("it_meta_cpu", "it_meta_mem", "it_meta_old");
        assertThat(metadata.metadata(null, 1)).hasSize(1);
        assertThat(metadata.metadata("nope", 0)).isEmpty();
    }
}

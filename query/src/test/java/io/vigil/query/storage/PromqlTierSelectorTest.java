package io.vigil.query.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.promql.ast.LabelMatcher;
import io.vigil.query.promql.Selection;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class PromqlTierSelectorTest {
    private static final long NOW = 1_800_000_000_000L;
    private static final long SEC = 1_000;
    private static final long MIN = 60_000;
    private static final long HOUR = 3_600_000;
    private static final long DAY = 86_400_000;
    private static final List<LabelMatcher> UP = List.of(new LabelMatcher("__name__", LabelMatcher.MatchType.EQUAL, "up"));

    private final PromqlTierSelector selector = new PromqlTierSelector(Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC));

    /** A panel over the last {@code span}: selection from now - span - range to now. */
    private Tier panel(long span, long step, long range, String function) {
        return selector.select(new Selection(UP, NOW - span - Math.max(range, 5 * MIN), NOW, step, range, function));
    }

    @Test
    void instantQueriesOfInstantSelectorsReadRawSamples() {
        assertThat(selector.select(new Selection(UP, NOW - 5 * MIN, NOW, 0, 0, null))).isEqualTo(Tier.RAW);
    }

    @Test
    void theStepBoundsTheBucket() {
        assertThat(panel(HOUR, 15 * SEC, 0, null)).isEqualTo(Tier.RAW);
        assertThat(panel(DAY, MIN, 0, null)).isEqualTo(Tier.ONE_MINUTE);
        assertThat(panel(DAY, 59 * SEC, 0, null)).isEqualTo(Tier.RAW);
        assertThat(panel(2 * DAY, HOUR, 0, null)).isEqualTo(Tier.ONE_HOUR);
    }

    @Test
    void aRangeWindowKeepsAtLeastFiveBuckets() {
        // step 1h, but rate over 5m needs buckets of at most 1m
        assertThat(panel(DAY, HOUR, 5 * MIN, "rate")).isEqualTo(Tier.ONE_MINUTE);
        assertThat(panel(DAY, HOUR, 4 * MIN, "rate")).isEqualTo(Tier.RAW);
        assertThat(panel(DAY, HOUR, 5 * HOUR, "avg_over_time")).isEqualTo(Tier.ONE_HOUR);
        assertThat(panel(DAY, HOUR, 299 * MIN, "avg_over_time")).isEqualTo(Tier.ONE_MINUTE);
        // an instant query of a range selector: the window alone decides
        assertThat(selector.select(new Selection(UP, NOW - HOUR, NOW, 0, HOUR, "rate"))).isEqualTo(Tier.ONE_MINUTE);
        assertThat(selector.select(new Selection(UP, NOW - DAY, NOW, 0, DAY, "max_over_time"))).isEqualTo(Tier.ONE_HOUR);
    }

    @Test
    void aThirtyDayPanelNeverReadsRawSamples() {
        for (long step : new long[] {HOUR, 2 * HOUR, DAY}) {
            for (String f : new String[] {null, "rate", "increase", "avg_over_time", "max_over_time"}) {
                long range = f == null ? 0 : step;
                assertThat(panel(30 * DAY, step, range, f)).as("step %d %s", step, f).isNotEqualTo(Tier.RAW);
            }
        }
        assertThat(panel(30 * DAY, HOUR, 0, null)).isEqualTo(Tier.ONE_HOUR);
        // a short rate window over 30 days is answered from 1m buckets: 1m retention still covers most of it
        assertThat(panel(29 * DAY, HOUR, 5 * MIN, "rate")).isEqualTo(Tier.ONE_MINUTE);
    }

    @Test
    void rangesOlderThanATiersRetentionGoToTheNextTierThatHoldsThem() {
        long start = NOW - 10 * DAY;
        assertThat(selector.select(new Selection(UP, start, start + HOUR, 15 * SEC, 0, null))).isEqualTo(Tier.ONE_MINUTE);
        long older = NOW - 40 * DAY;
        assertThat(selector.select(new Selection(UP, older, older + HOUR, 15 * SEC, 0, null))).isEqualTo(Tier.ONE_HOUR);
        assertThat(selector.select(new Selection(UP, older, older + HOUR, MIN, 0, null))).isEqualTo(Tier.ONE_HOUR);
        long ancient = NOW - 400 * DAY;
        assertThat(selector.select(new Selection(UP, ancient, ancient + HOUR, 0, 0, null))).isEqualTo(Tier.ONE_HOUR);
        // raw's 7 days end at the range start: a range reaching one second further back is not raw
        assertThat(selector.select(new Selection(UP, NOW - 7 * DAY, NOW, 15 * SEC, 0, null))).isEqualTo(Tier.RAW);
        assertThat(selector.select(new Selection(UP, NOW - 7 * DAY - SEC, NOW, 15 * SEC, 0, null)))
                .isEqualTo(Tier.ONE_MINUTE);
    }

    @Test
    void functionsThatNeedEverySampleReadRawWhileRawHoldsTheRange() {
        assertThat(panel(DAY, HOUR, HOUR, "quantile_over_time")).isEqualTo(Tier.RAW);
        assertThat(panel(DAY, HOUR, HOUR, "changes")).isEqualTo(Tier.RAW);
        assertThat(panel(DAY, HOUR, HOUR, "irate")).isEqualTo(Tier.RAW);
        assertThat(panel(20 * DAY, HOUR, HOUR, "resets")).isEqualTo(Tier.ONE_MINUTE);
    }

    @Test
    void theToleranceRuleIsTheSmallerOfStepAndAFifthOfTheWindow() {
        assertThat(PromqlTierSelector.toleratedBucketMillis(new Selection(UP, 0, 1, 10 * MIN, HOUR, "rate")))
                .isEqualTo(10 * MIN);
        assertThat(PromqlTierSelector.toleratedBucketMillis(new Selection(UP, 0, 1, HOUR, 10 * MIN, "rate")))
                .isEqualTo(2 * MIN);
        assertThat(PromqlTierSelector.toleratedBucketMillis(new Selection(UP, 0, 1, 0, 0, null))).isZero();
        assertThat(PromqlTierSelector.toleratedBucketMillis(new Selection(UP, 0, 1, 0, 0, "timestamp"))).isZero();
    }
}

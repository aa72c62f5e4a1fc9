package io.vigil.query.storage;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TierSelectorTest {
    private static final long NOW = 1_800_000_000_000L;
    private static final long MIN = 60_000;
    private static final long HOUR = 3_600_000;
    private static final long DAY = 86_400_000;

    private static TierSelector.Choice select(long ageMillis, long step) {
        return TierSelector.select(NOW - ageMillis, step, NOW);
    }

    @Test
    void recentRangesUseTheCoarsestTierWhoseBucketDividesTheStep() {
        assertThat(select(DAY, 10_000)).isEqualTo(new TierSelector.Choice(Tier.RAW, 10_000));
        assertThat(select(DAY, MIN)).isEqualTo(new TierSelector.Choice(Tier.ONE_MINUTE, MIN));
        assertThat(select(DAY, 5 * MIN)).isEqualTo(new TierSelector.Choice(Tier.ONE_MINUTE, 5 * MIN));
        assertThat(select(DAY, HOUR)).isEqualTo(new TierSelector.Choice(Tier.ONE_HOUR, HOUR));
        assertThat(select(DAY, 6 * HOUR)).isEqualTo(new TierSelector.Choice(Tier.ONE_HOUR, 6 * HOUR));
    }

    @Test
    void stepsThatDoNotTileARollupBucketStayOnRawWhileRawHasTheRange() {
        assertThat(select(DAY, 90_000)).isEqualTo(new TierSelector.Choice(Tier.RAW, 90_000));
        assertThat(select(DAY, 90 * MIN)).isEqualTo(new TierSelector.Choice(Tier.ONE_MINUTE, 90 * MIN));
    }

    @Test
    void rangesOlderThanSevenDaysComeFromOneMinute() {
        assertThat(select(10 * DAY, MIN)).isEqualTo(new TierSelector.Choice(Tier.ONE_MINUTE, MIN));
        // a 10 s step cannot be answered from 1m buckets exactly: the step is widened and reported
        assertThat(select(10 * DAY, 10_000)).isEqualTo(new TierSelector.Choice(Tier.ONE_MINUTE, MIN));
        assertThat(select(10 * DAY, 90_000)).isEqualTo(new TierSelector.Choice(Tier.ONE_MINUTE, 2 * MIN));
    }

    @Test
    void rangesOlderThanThirtyDaysComeFromOneHour() {
        assertThat(select(40 * DAY, MIN)).isEqualTo(new TierSelector.Choice(Tier.ONE_HOUR, HOUR));
        assertThat(select(40 * DAY, 2 * HOUR)).isEqualTo(new TierSelector.Choice(Tier.ONE_HOUR, 2 * HOUR));
        assertThat(select(400 * DAY, HOUR)).isEqualTo(new TierSelector.Choice(Tier.ONE_HOUR, HOUR));
    }

    @Test
    void theRetentionBoundaryIsTheRangeStart() {
        assertThat(select(7 * DAY, 10_000).tier()).isEqualTo(Tier.RAW);
        assertThat(select(7 * DAY + 1, 10_000).tier()).isEqualTo(Tier.ONE_MINUTE);
        assertThat(select(30 * DAY, MIN).tier()).isEqualTo(Tier.ONE_MINUTE);
        assertThat(select(30 * DAY + 1, MIN).tier()).isEqualTo(Tier.ONE_HOUR);
    }
}

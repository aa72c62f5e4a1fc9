package io.vigil.query.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.cache.LateSampleMarks;
import org.junit.jupiter.api.Test;

class BlockPlanTest {
    private static final long MIN = 60_000L;
    private static final long HOUR = 60 * MIN;
    private static final long DAY = 24 * HOUR;
    private static final DataWindow FIVE_MINUTES = new DataWindow(5 * MIN, 0);

    @Test
    void fineStepsUseTenMinuteBlocksAndLeaveTheOpenEdgeUncached() {
        long now = 1_700_000_000_000L / HOUR * HOUR + 35 * MIN;
        BlockPlan plan = BlockPlan.of(now - HOUR - 5 * MIN, now, MIN, FIVE_MINUTES, now);

        assertThat(plan.width()).isEqualTo(10 * MIN);
        // The query starts at :30: its first block begins at :30; the block of :30-:40 is still open.
        assertThat(plan.closed()).hasSize(6);
        assertThat(plan.closed().get(0).start()).isEqualTo(now - HOUR - 5 * MIN);
        assertThat(plan.closed().get(5).last()).isEqualTo(now - 5 * MIN - MIN);
    }

    @Test
    void aBlockIsOpenUntilTheNewestSampleItReadsIsOlderThanTheSettleTime() {
        long hourStart = 1_700_000_000_000L / HOUR * HOUR;
        long justClosed = hourStart + 10 * MIN - MIN + LateSampleMarks.QUERY_SETTLE_MILLIS + 1;
        assertThat(BlockPlan.of(hourStart, hourStart + 9 * MIN, MIN, FIVE_MINUTES, justClosed).closed()).hasSize(1);
        assertThat(BlockPlan.of(hourStart, hourStart + 9 * MIN, MIN, FIVE_MINUTES, justClosed - 2).closed()).isEmpty();
        // A negative offset reads ahead of each point, so the block stays open that much longer.
        DataWindow readsAhead = new DataWindow(5 * MIN, 10 * MIN);
        assertThat(BlockPlan.of(hourStart, hourStart + 9 * MIN, MIN, readsAhead, justClosed).closed()).isEmpty();
    }

    @Test
    void aBlockDependsOnEveryHourItsPointsRead() {
        long hourStart = 1_700_000_000_000L / HOUR * HOUR;
        DataWindow day = new DataWindow(DAY, 0);
        BlockPlan.Block b = BlockPlan.of(hourStart, hourStart + 9 * MIN, MIN, day, hourStart + 3 * HOUR).closed().get(0);
        assertThat(b.firstHour()).isEqualTo(hourStart - DAY);
        assertThat(b.lastHour()).isEqualTo(hourStart);
    }

    @Test
    void coarseStepsUseDayBlocksMadeOfWholeSteps() {
        assertThat(BlockPlan.widthFor(5 * MIN)).isEqualTo(DAY);
        assertThat(BlockPlan.widthFor(HOUR)).isEqualTo(DAY);
        assertThat(BlockPlan.widthFor(7 * MIN) % (7 * MIN)).isZero();
        assertThat(BlockPlan.widthFor(7 * MIN)).isBetween(DAY, DAY + 7 * MIN);
        assertThat(BlockPlan.widthFor(15_000)).isEqualTo(10 * MIN);
        assertThat(BlockPlan.widthFor(7 * 60_000 / 2)).isEqualTo(3 * 7 * 60_000 / 2);
        assertThat(BlockPlan.widthFor(2 * DAY)).isEqualTo(2 * DAY);
    }

    @Test
    void thirtyDaysAtOneHourStepAreThirtyDayBlocks() {
        long now = 1_700_000_000_000L;
        long end = now / HOUR * HOUR;
        BlockPlan plan = BlockPlan.of(end - 30 * DAY, end, HOUR, new DataWindow(HOUR, 0), now);
        assertThat(plan.closed()).hasSizeBetween(30, 31);
        assertThat(plan.closed()).allSatisfy(b -> assertThat(b.start() % DAY).isZero());
    }
}

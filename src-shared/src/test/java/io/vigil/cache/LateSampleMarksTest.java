package io.vigil.cache;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LateSampleMarksTest {
    @Test
    void onlySamplesCommittedMoreThanTheWriterSettleAfterTheirTimeAreLate() {
        long commit = 1_700_000_000_000L;
        assertThat(LateSampleMarks.isLate(commit - 5_000, commit)).isFalse();
        assertThat(LateSampleMarks.isLate(commit - LateSampleMarks.WRITER_SETTLE_MILLIS, commit)).isFalse();
        assertThat(LateSampleMarks.isLate(commit - LateSampleMarks.WRITER_SETTLE_MILLIS - 1, commit)).isTrue();
        assertThat(LateSampleMarks.isLate(commit + 60_000, commit)).as("samples from the future are not late").isFalse();
    }

    @Test
    void theQueryWaitsLongerThanTheWriterSoAnUnmarkedSampleIsAlwaysVisible() {
        // A sample not marked was committed within WRITER_SETTLE of its time; a block holding it is closed
        // only QUERY_SETTLE after its time, so the commit came first (the difference absorbs clock skew).
        assertThat(LateSampleMarks.QUERY_SETTLE_MILLIS).isGreaterThan(LateSampleMarks.WRITER_SETTLE_MILLIS + 15_000);
    }

    @Test
    void marksAreKeptPerHourOfSampleTimeIncludingBeforeTheEpoch() {
        long hour = 3_600_000L;
        assertThat(LateSampleMarks.granuleOf(5 * hour + 1)).isEqualTo(5 * hour);
        assertThat(LateSampleMarks.granuleOf(5 * hour)).isEqualTo(5 * hour);
        assertThat(LateSampleMarks.granuleOf(-1)).isEqualTo(-hour);
        assertThat(LateSampleMarks.key(5 * hour)).isEqualTo("vigil:late:18000000");
    }
}

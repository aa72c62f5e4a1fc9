package io.vigil.ingest.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class NewSeriesLimiterTest {
    private static final long MINUTE = 60_000;
    private static final long T0 = 1_700_000_040_000L / MINUTE * MINUTE;
    private static final byte[] CPU = "cpu".getBytes(StandardCharsets.UTF_8);
    private static final byte[] MEM = "mem".getBytes(StandardCharsets.UTF_8);

    private static boolean admit(NewSeriesLimiter limiter, long id, byte[] metric, long now) {
        return limiter.admit(id * 0x9E3779B97F4A7C15L, metric, 0, metric.length, now);
    }

    @Test
    void newSeriesOfAMetricAreRefusedPastTheLimitAndKnownOnesAlwaysPass() {
        NewSeriesLimiter limiter = new NewSeriesLimiter(100, 100_000, 15 * MINUTE);
        for (int i = 0; i < 100; i++) {
            assertThat(admit(limiter, i, CPU, T0)).isTrue();
        }
        assertThat(admit(limiter, 100, CPU, T0 + 1)).as("101st new cpu series in the minute").isFalse();
        assertThat(admit(limiter, 5, CPU, T0 + 2)).as("a known series").isTrue();
        assertThat(admit(limiter, 1_000, MEM, T0 + 3)).as("another metric has its own budget").isTrue();
        assertThat(admit(limiter, 100, CPU, T0 + MINUTE)).as("the next minute").isTrue();
    }

    @Test
    void seriesStayKnownWhileTheyKeepComingAndAreForgottenAfterTheWindow() {
        NewSeriesLimiter limiter = new NewSeriesLimiter(10, 100_000, 10 * MINUTE);
        for (int i = 0; i < 10; i++) {
            admit(limiter, i, CPU, T0);
        }
        // Seen every 5 minutes for an hour: never new again, so the budget stays free for others.
        for (long t = T0 + 5 * MINUTE; t < T0 + 60 * MINUTE; t += 5 * MINUTE) {
            for (int i = 0; i < 10; i++) {
                assertThat(admit(limiter, i, CPU, t)).isTrue();
            }
            assertThat(admit(limiter, 1_000 + t, CPU, t)).isTrue();
        }
        // Quiet for longer than two windows: counted as new once more (and limited as such).
        long later = T0 + 100 * MINUTE;
        for (int i = 0; i < 10; i++) {
            assertThat(admit(limiter, i, CPU, later)).isTrue();
        }
        assertThat(admit(limiter, 10, CPU, later)).isFalse();
    }

    @Test
    void memoryIsBoundedSoTheOldestIdsAreForgottenPastTheCapacity() {
        NewSeriesLimiter limiter = new NewSeriesLimiter(5, 16 * 1024, 60 * MINUTE);
        for (int i = 0; i < 5; i++) {
            assertThat(admit(limiter, i, CPU, T0)).isTrue();
        }
        // 100,000 other series (5 per metric, all admitted) overflow the 16,384 remembered ids.
        for (int i = 0; i < 100_000; i++) {
            byte[] metric = ("m" + i / 5).getBytes(StandardCharsets.UTF_8);
            assertThat(admit(limiter, 1_000 + i, metric, T0 + 1)).isTrue();
        }
        // The first cpu series were forgotten: next minute they use up cpu's budget again.
        for (int i = 0; i < 5; i++) {
            assertThat(admit(limiter, i, CPU, T0 + MINUTE)).isTrue();
        }
        assertThat(admit(limiter, 99, CPU, T0 + MINUTE)).isFalse();
    }

    @Test
    void zeroMeansNoLimit() {
        NewSeriesLimiter limiter = new NewSeriesLimiter(0, 1024, MINUTE);
        for (int i = 0; i < 10_000; i++) {
            assertThat(admit(limiter, i, CPU, T0)).isTrue();
        }
    }

    @Test
    void theHashSetHoldsWhatItWasGivenUpToItsSize() {
        LongHashSet set = new LongHashSet(1000);
        for (long i = 0; i < 1000; i++) {
            assertThat(set.add(i * 31)).isTrue();
        }
        assertThat(set.add(-7)).as("full").isFalse();
        assertThat(set.add(31)).as("already there").isTrue();
        assertThat(set.contains(0)).isTrue();
        assertThat(set.contains(999 * 31)).isTrue();
        assertThat(set.contains(5)).isFalse();
        set.clear();
        assertThat(set.contains(31)).isFalse();
        assertThat(set.size()).isZero();
    }
}

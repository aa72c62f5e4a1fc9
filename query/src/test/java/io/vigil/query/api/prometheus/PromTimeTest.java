package io.vigil.query.api.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PromTimeTest {
    @Test
    void timesAreUnixSecondsOrRfc3339() {
        assertThat(PromTime.parseTime("1435781451.781")).isEqualTo(1_435_781_451_781L);
        assertThat(PromTime.parseTime("1435781451")).isEqualTo(1_435_781_451_000L);
        assertThat(PromTime.parseTime("1.0005")).isEqualTo(1_001L);
        assertThat(PromTime.parseTime("1.5e3")).isEqualTo(1_500_000L);
        assertThat(PromTime.parseTime("-1.5")).isEqualTo(-1_500L);
        assertThat(PromTime.parseTime("2015-07-01T20:10:51.781Z")).isEqualTo(1_435_781_451_781L);
        assertThat(PromTime.parseTime("2015-07-01T22:10:51+02:00")).isEqualTo(1_435_781_451_000L);
    }

    @Test
    void openRangeBoundsAndHugeNumbersAreClampedToWhatStorageHolds() {
        assertThat(PromTime.parseTime("-292273086-05-16T16:47:06Z")).isEqualTo(PromTime.MIN_MILLIS);
        assertThat(PromTime.parseTime("292277025-08-18T07:12:54.999999999Z")).isEqualTo(PromTime.MAX_MILLIS);
        assertThat(PromTime.parseTime("1e300")).isEqualTo(PromTime.MAX_MILLIS);
    }

    @Test
    void badTimesAreRefusedWithPrometheusWording() {
        for (String bad : new String[] {"", "soon", "NaN", "Inf", "0x10", "1d", " 1", "2015-07-01", "2015-07-01T20:10:51"}) {
            assertThatThrownBy(() -> PromTime.parseTime(bad)).as(bad)
                    .hasMessage("cannot parse \"" + bad + "\" to a valid timestamp");
        }
        assertThatThrownBy(() -> PromTime.parseTime(null)).hasMessage("cannot parse \"\" to a valid timestamp");
        String huge = "9".repeat(5000) + "x";
        assertThatThrownBy(() -> PromTime.parseTime(huge)).hasMessageContaining("...\" to a valid timestamp");
    }

    @Test
    void durationsAreFloatSecondsOrUnits() {
        assertThat(PromTime.parseDuration("15")).isEqualTo(15_000);
        assertThat(PromTime.parseDuration("0.5")).isEqualTo(500);
        assertThat(PromTime.parseDuration("1h30m")).isEqualTo(5_400_000);
        assertThat(PromTime.parseDuration("500ms")).isEqualTo(500);
        assertThat(PromTime.parseDuration("1y2w3d")).isEqualTo((365 + 14 + 3) * 86_400_000L);
        assertThat(PromTime.parseDuration("0")).isZero();
        assertThat(PromTime.parseDuration("-5")).isEqualTo(-5_000);
    }

    @Test
    void badDurationsAreRefused() {
        for (String bad : new String[] {"", "5x", "1m1h", "h", "1.5m", "-1m", "NaN"}) {
            assertThatThrownBy(() -> PromTime.parseDuration(bad)).as(bad)
                    .hasMessage("cannot parse \"" + bad + "\" to a valid duration");
        }
        assertThatThrownBy(() -> PromTime.parseDuration("1e300")).hasMessageContaining("overflows int64");
        assertThatThrownBy(() -> PromTime.parseDuration("99999999999999999999y")).hasMessageContaining("overflows int64");
    }
}

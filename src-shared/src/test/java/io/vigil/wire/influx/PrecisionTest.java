package io.vigil.wire.influx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.wire.WireFormatException;
import org.junit.jupiter.api.Test;

class PrecisionTest {
    @Test
    void influx1SpellingsIncludingTheDefault() {
        assertThat(Precision.ofV1(null)).isEqualTo(Precision.NANOSECONDS);
        assertThat(Precision.ofV1("")).isEqualTo(Precision.NANOSECONDS);
        assertThat(Precision.ofV1("n")).isEqualTo(Precision.NANOSECONDS);
        assertThat(Precision.ofV1("ns")).isEqualTo(Precision.NANOSECONDS);
        assertThat(Precision.ofV1("u")).isEqualTo(Precision.MICROSECONDS);
        assertThat(Precision.ofV1("us")).isEqualTo(Precision.MICROSECONDS);
        assertThat(Precision.ofV1("ms")).isEqualTo(Precision.MILLISECONDS);
        assertThat(Precision.ofV1("s")).isEqualTo(Precision.SECONDS);
        assertThat(Precision.ofV1("m")).isEqualTo(Precision.MINUTES);
        assertThat(Precision.ofV1("h")).isEqualTo(Precision.HOURS);
    }

    @Test
    void influx2SpellingsOnlyDownToSeconds() {
        assertThat(Precision.ofV2(null)).isEqualTo(Precision.NANOSECONDS);
        assertThat(Precision.ofV2("ns")).isEqualTo(Precision.NANOSECONDS);
        assertThat(Precision.ofV2("us")).isEqualTo(Precision.MICROSECONDS);
        assertThat(Precision.ofV2("ms")).isEqualTo(Precision.MILLISECONDS);
        assertThat(Precision.ofV2("s")).isEqualTo(Precision.SECONDS);
        assertThatThrownBy(() -> Precision.ofV2("h")).isInstanceOf(WireFormatException.class)
                .hasMessage("invalid precision \"h\" (accepted: ns, us, ms, s)");
        assertThatThrownBy(() -> Precision.ofV2("n")).isInstanceOf(WireFormatException.class);
    }

    @Test
    void unknownPrecisionsAreRefusedWithTheAcceptedOnes() {
        assertThatThrownBy(() -> Precision.ofV1("sec")).isInstanceOf(WireFormatException.class)
                .hasMessage("invalid precision \"sec\" (accepted: n, u, ms, s, m, h)");
        assertThatThrownBy(() -> Precision.ofV1("x".repeat(1000))).hasMessageContaining("xxx...\"");
    }

    @Test
    void conversionFloorsFineUnitsAndRefusesOverflow() {
        assertThat(Precision.NANOSECONDS.toMillis(1_999_999)).isEqualTo(1);
        assertThat(Precision.NANOSECONDS.toMillis(-1)).isEqualTo(-1);
        assertThat(Precision.MICROSECONDS.toMillis(-1_001)).isEqualTo(-2);
        assertThat(Precision.HOURS.toMillis(2)).isEqualTo(7_200_000);
        assertThatThrownBy(() -> Precision.MINUTES.toMillis(Long.MAX_VALUE / 1000)).isInstanceOf(ArithmeticException.class);
    }
}

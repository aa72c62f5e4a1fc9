package io.vigil.query.range;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RangeEngineTest {

    @Test
    void wholeSecondsAreIntegralInAnswers() {
        assertThat(RangeEngine.seconds(1_613_707_260_000L)).isEqualTo(1_613_707_260L);
        assertThat(RangeEngine.seconds(500)).isEqualTo(0.5);
    }
}

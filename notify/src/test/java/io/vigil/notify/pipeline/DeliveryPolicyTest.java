package io.vigil.notify.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DeliveryPolicyTest {
    private final DeliveryPolicy policy = new DeliveryPolicy(Duration.ofHours(1), 0, Duration.ofSeconds(1), Duration.ofMinutes(1));

    @Test
    void backoffDoublesWithJitterUpToTheCap() {
        assertThat(policy.backoff(1, null, 0.0)).isEqualTo(Duration.ofMillis(500));
        assertThat(policy.backoff(1, null, 1.0)).isEqualTo(Duration.ofSeconds(1));
        assertThat(policy.backoff(4, null, 1.0)).isEqualTo(Duration.ofSeconds(8));
        assertThat(policy.backoff(30, null, 1.0)).isEqualTo(Duration.ofMinutes(1));
        assertThat(policy.backoff(30, null, 0.0)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void retryAfterIsHonouredButNeverShortensTheBackoff() {
        assertThat(policy.backoff(1, Duration.ofSeconds(7), 0.5)).isEqualTo(Duration.ofSeconds(7));
        assertThat(policy.backoff(10, Duration.ofSeconds(1), 1.0)).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void onlyOffsetsBelowTheLowestUnfinishedOneAreCommitted() {
        OffsetTracker t = new OffsetTracker();
        assertThat(t.committable()).isEqualTo(-1);
        t.started(10);
        t.started(11);
        t.started(12);
        t.finished(11);
        t.finished(12);
        assertThat(t.committable()).isEqualTo(10);   // 10 (a slow receiver) holds the commit back
        t.finished(10);
        assertThat(t.committable()).isEqualTo(13);
        assertThat(t.inFlight()).isZero();
    }
}

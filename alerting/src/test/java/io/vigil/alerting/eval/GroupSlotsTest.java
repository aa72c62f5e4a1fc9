package io.vigil.alerting.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class GroupSlotsTest {
    private static final Duration I = Duration.ofSeconds(15);

    @Test
    void slotsAreTheIntervalApartShiftedByTheGroupsOffset() {
        long offset = GroupSlots.offsetMillis("node.yml;node", I);
        assertThat(offset).isBetween(0L, 14_999L);
        Instant now = Instant.parse("2026-05-01T12:00:07.123Z");
        Instant slot = GroupSlots.slot("node.yml;node", I, now);
        assertThat(slot).isBeforeOrEqualTo(now).isAfter(now.minus(I));
        assertThat(Math.floorMod(slot.toEpochMilli() - offset, I.toMillis())).isZero();
        assertThat(GroupSlots.next("node.yml;node", I, now)).isEqualTo(slot.plus(I));
    }

    @Test
    void everyMomentOfASlotGivesTheSameTimeSoReplicasAgree() {
        Instant slot = GroupSlots.slot("a.yml;g", I, Instant.parse("2026-05-01T12:00:00Z"));
        assertThat(GroupSlots.slot("a.yml;g", I, slot)).isEqualTo(slot);
        assertThat(GroupSlots.slot("a.yml;g", I, slot.plus(I).minusMillis(1))).isEqualTo(slot);
        assertThat(GroupSlots.slot("a.yml;g", I, slot.plus(I))).isEqualTo(slot.plus(I));
    }

    @Test
    void groupsAreSpreadOverTheInterval() {
        java.util.Set<Long> offsets = new java.util.HashSet<>();
        for (int i = 0; i < 50; i++) {
            offsets.add(GroupSlots.offsetMillis("rules.yml;group-" + i, I) / 1000);
        }
        assertThat(offsets.size()).isGreaterThan(8);
    }
}

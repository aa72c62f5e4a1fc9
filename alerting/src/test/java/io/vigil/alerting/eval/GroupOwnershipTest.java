package io.vigil.alerting.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GroupOwnershipTest {
    @Test
    void rendezvousHashingSpreadsGroupsAndMovesOnlyTheLeavingReplicasGroups() {
        List<String> three = List.of("alerting-0", "alerting-1", "alerting-2");
        List<String> two = List.of("alerting-0", "alerting-2");
        Map<String, Integer> counts = new HashMap<>();
        int moved = 0;
        for (int i = 0; i < 300; i++) {
            String key = "rules.yml;group-" + i;
            String before = GroupOwnership.preferred(key, three);
            counts.merge(before, 1, Integer::sum);
            String after = GroupOwnership.preferred(key, two);
            if (!before.equals("alerting-1")) {
                assertThat(after).isEqualTo(before);
            } else {
                moved++;
            }
        }
        assertThat(counts.values()).allMatch(c -> c > 60);
        assertThat(moved).isEqualTo(counts.get("alerting-1"));
    }
}

package io.vigil.alerting.eval;

import java.time.Instant;
import java.util.List;

/** A group's last iteration: a row of {@code rule_group_health}, its rules in the group's order. */
public record GroupHealth(String groupKey, Instant lastEvaluation, double evaluationSeconds, List<RuleHealth> rules) {
    public GroupHealth {
        rules = List.copyOf(rules);
    }
}

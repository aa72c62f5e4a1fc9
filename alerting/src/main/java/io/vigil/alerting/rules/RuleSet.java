package io.vigil.alerting.rules;

import java.time.Instant;
import java.util.List;

/** Every loaded group, in file then group order. The empty set has no groups. */
public record RuleSet(List<RuleGroup> groups, Instant loadedAt) {

    public static final RuleSet EMPTY = new RuleSet(List.of(), Instant.EPOCH);

    public RuleSet {
        groups = List.copyOf(groups);
    }
}

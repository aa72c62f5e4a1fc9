package io.vigil.alerting.rules;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One group of a rule file, validated. Its rules are evaluated in order at one timestamp per
 * iteration, every {@code interval}.
 *
 * @param file     the file's name relative to the rules directory
 * @param limit    at most this many alerts (or recorded series) per rule; 0 = no limit
 * @param labels   added to every rule of the group (a rule's own labels win)
 */
public record RuleGroup(String file, String name, Duration interval, int limit, Map<String, String> labels,
        List<Rule> rules) {

    public RuleGroup {
        labels = Map.copyOf(labels);
        rules = List.copyOf(rules);
    }

    /** The group's identity across reloads and replicas (as Prometheus: file and name). */
    public String key() {
        return file + ";" + name;
    }
}

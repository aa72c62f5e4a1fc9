package io.vigil.alerting.rules;

import java.util.Map;

/** {@code record:} rule: its results are written back as samples of the metric {@code name}. */
public record RecordingRule(String name, String expr, Map<String, String> labels, int line) implements Rule {

    public RecordingRule {
        labels = Map.copyOf(labels);
    }
}

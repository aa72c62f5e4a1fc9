package io.vigil.alerting.rules;

import java.time.Duration;
import java.util.Map;

/**
 * {@code alert:} rule. Label values and annotations are Go templates over {@code $labels}, {@code $value}
 * and {@code $externalLabels} (parsed when the file is loaded, see {@code io.vigil.alerting.template}).
 */
public record AlertingRule(String name, String expr, Duration forDuration, Duration keepFiringFor,
        Map<String, String> labels, Map<String, String> annotations, int line) implements Rule {

    public AlertingRule {
        labels = Map.copyOf(labels);
        annotations = Map.copyOf(annotations);
    }
}

package io.vigil.alerting.eval;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.alerting.rules.AlertingRule;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Alert labels and annotations expanded with the rule templates, as the evaluator does. */
class TemplateExpanderTest {
    @Test
    void labelsAndAnnotationsSeeTheSamplesLabelsValueAndExternalLabels() {
        TemplateExpander templates = new TemplateExpander(Map.of("cluster", "eu"), "http://vigil", (expr, t, timeout) -> List.of());
        AlertingRule rule = new AlertingRule("Down", "up == 0", Duration.ZERO, Duration.ZERO,
                Map.of("target", "{{ $labels.instance }}"),
                Map.of("summary", "{{ $labels.instance }} in {{ $externalLabels.cluster }} is at {{ $value }}",
                        "broken", "{{ .Nope"), 1);
        AlertStateMachine machine = new AlertStateMachine(rule, new AlertStateMachine.Context(Map.of(),
                Map.of("cluster", "eu"), 0, Duration.ofSeconds(15), "http://vigil"),
                templates.at(Instant.EPOCH, Duration.ofSeconds(1)));
        Alert a = machine.evaluate(Instant.EPOCH, List.of(new QuerySample(Map.of("instance", "db1:9100"), 0.5)),
                Map.of()).alerts().values().iterator().next();
        assertThat(a.labels()).containsEntry("target", "db1:9100").containsEntry("cluster", "eu");
        assertThat(a.annotations().get("summary")).isEqualTo("db1:9100 in eu is at 0.5");
        assertThat(a.annotations().get("broken")).startsWith("<error expanding template");
    }
}

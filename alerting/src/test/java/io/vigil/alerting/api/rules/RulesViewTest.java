package io.vigil.alerting.api.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.alerting.rules.AlertingRule;
import io.vigil.alerting.rules.RecordingRule;
import io.vigil.alerting.rules.RuleGroup;
import io.vigil.alerting.rules.RuleSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The groups of GET /api/v1/rules, shaped as Prometheus answers them. */
class RulesViewTest {
    private static final Instant T = Instant.parse("2026-05-01T12:00:00Z");
    private static final RuleGroup NODE = new RuleGroup("node.yml", "node", Duration.ofSeconds(30), 5, Map.of(),
            List.of(new RecordingRule("job:up:sum", "sum by (job) (up)", Map.of("tier", "1"), 3),
                    new AlertingRule("Down", "up == 0", Duration.ofMinutes(5), Duration.ofMinutes(1),
                            Map.of("severity", "page"), Map.of("summary", "{{ $labels.instance }} down"), 6)));
    private static final RuleGroup API = new RuleGroup("api.yml", "api", Duration.ofSeconds(15), 0, Map.of(),
            List.of(new AlertingRule("Slow", "latency > 1", Duration.ZERO, Duration.ZERO, Map.of(), Map.of(), 2)));
    private static final RuleSet RULES = new RuleSet(List.of(NODE, API), T);
    private static final Map<String, StoredStatus.StoredGroup> HEALTH = Map.of(NODE.key(),
            new StoredStatus.StoredGroup(T, 0.5, List.of(
                    new StoredStatus.StoredRule("job:up:sum", "ok", "", 0.1, T.toString()),
                    new StoredStatus.StoredRule("Down", "err", "query timed out", 0.4, T.toString()))));
    private static final Map<String, List<StoredStatus.ActiveAlert>> ALERTS = Map.of("rule:" + NODE.key(), List.of(
            new StoredStatus.ActiveAlert("rule:" + NODE.key(), Map.of("alertname", "Down", "instance", "a"),
                    Map.of("summary", "a down"), "firing", T.minusSeconds(600), null, 0)));

    private static RulesView.Filter filter(String type, List<String> names, boolean excludeAlerts) {
        return new RulesView.Filter(type, names, List.of(), List.of(), excludeAlerts);
    }

    @Test
    void everyGroupWithItsRulesHealthAndAlerts() {
        List<Map<String, Object>> groups = RulesView.groups(RULES, HEALTH, ALERTS, filter(null, List.of(), false));
        assertThat(groups).extracting(g -> g.get("name")).containsExactly("node", "api");
        Map<String, Object> node = groups.get(0);
        assertThat(node).containsEntry("file", "node.yml").containsEntry("interval", 30.0).containsEntry("limit", 5)
                .containsEntry("evaluationTime", 0.5).containsEntry("lastEvaluation", T.toString());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> rules = (List<Map<String, Object>>) node.get("rules");
        assertThat(rules.get(0)).containsEntry("type", "recording").containsEntry("health", "ok")
                .containsEntry("query", "sum by (job) (up)").doesNotContainKey("lastError").doesNotContainKey("alerts");
        assertThat(rules.get(1)).containsEntry("type", "alerting").containsEntry("state", "firing")
                .containsEntry("duration", 300.0).containsEntry("keepFiringFor", 60.0)
                .containsEntry("health", "err").containsEntry("lastError", "query timed out");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> alerts = (List<Map<String, Object>>) rules.get(1).get("alerts");
        assertThat(alerts).hasSize(1);
        assertThat(alerts.get(0)).containsEntry("state", "firing").containsEntry("value", "0e+00")
                .containsEntry("activeAt", T.minusSeconds(600).toString());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> apiRules = (List<Map<String, Object>>) groups.get(1).get("rules");
        assertThat(apiRules.get(0)).containsEntry("health", "unknown").containsEntry("state", "inactive")
                .containsEntry("lastEvaluation", "0001-01-01T00:00:00Z");
    }

    @Test
    void filtersByTypeAndNameDropGroupsLeftEmptyAndExcludeAlertsDropsThem() {
        List<Map<String, Object>> records = RulesView.groups(RULES, HEALTH, ALERTS, filter("record", List.of(), false));
        assertThat(records).extracting(g -> g.get("name")).containsExactly("node");
        List<Map<String, Object>> slow = RulesView.groups(RULES, HEALTH, ALERTS, filter(null, List.of("Slow"), false));
        assertThat(slow).extracting(g -> g.get("name")).containsExactly("api");
        List<Map<String, Object>> noAlerts = RulesView.groups(RULES, HEALTH, Map.of(), filter("alert", List.of(), true));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> rules = (List<Map<String, Object>>) noAlerts.get(0).get("rules");
        assertThat(rules).singleElement().satisfies(r -> assertThat(r).doesNotContainKey("alerts"));
        List<Map<String, Object>> byFile = RulesView.groups(RULES, HEALTH, ALERTS,
                new RulesView.Filter(null, List.of(), List.of(), List.of("api.yml"), false));
        assertThat(byFile).extracting(g -> g.get("name")).containsExactly("api");
    }
}

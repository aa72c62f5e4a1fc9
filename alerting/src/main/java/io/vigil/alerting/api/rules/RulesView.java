package io.vigil.alerting.api.rules;

import io.vigil.alerting.eval.AlertStore;
import io.vigil.alerting.rules.AlertingRule;
import io.vigil.alerting.rules.RecordingRule;
import io.vigil.alerting.rules.Rule;
import io.vigil.alerting.rules.RuleGroup;
import io.vigil.alerting.rules.RuleSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.LinkedHashMap;

/**
 * The {@code data.groups} of {@code GET /api/v1/rules}, in Prometheus' shape, from the loaded rules, the
 * stored group health and the stored active alerts. A rule's health is matched by position and name
 * (the owner writes one entry per rule, in order); its alerts by alertname within its group.
 */
final class RulesView {
    /** The request's filters; {@code type} null, "alert" or "record"; empty lists select everything. */
    record Filter(String type, List<String> ruleNames, List<String> groupNames, List<String> files,
            boolean excludeAlerts) {
    }

    private RulesView() {
    }

    static List<Map<String, Object>> groups(RuleSet rules, Map<String, StoredStatus.StoredGroup> health,
            Map<String, List<StoredStatus.ActiveAlert>> alertsBySource, Filter filter) {
        String type = filter.type();
        List<String> ruleNames = filter.ruleNames() == null ? List.of() : filter.ruleNames();
        boolean excludeAlerts = filter.excludeAlerts();
        List<Map<String, Object>> groups = new ArrayList<>();
        for (RuleGroup g : rules.groups()) {
            if (!PromApi.selected(filter.groupNames(), g.name()) || !PromApi.selected(filter.files(), g.file())) {
                continue;
            }
            StoredStatus.StoredGroup stored = health.get(g.key());
            List<StoredStatus.ActiveAlert> groupAlerts = alertsBySource.getOrDefault(AlertStore.source(g.key()), List.of());
            List<Map<String, Object>> ruleViews = new ArrayList<>();
            for (int i = 0; i < g.rules().size(); i++) {
                Rule r = g.rules().get(i);
                boolean alerting = r instanceof AlertingRule;
                if ((alerting && "record".equals(type)) || (!alerting && "alert".equals(type))
                        || !PromApi.selected(ruleNames, r.name())) {
                    continue;
                }
                StoredStatus.StoredRule rh = stored != null && i < stored.rules().size()
                        && stored.rules().get(i).name().equals(r.name()) ? stored.rules().get(i) : null;
                ruleViews.add(ruleView(r, rh, groupAlerts, excludeAlerts));
            }
            if (ruleViews.isEmpty() && (!ruleNames.isEmpty() || type != null)) {
                continue; // as Prometheus: a filter that leaves a group without rules leaves the group out
            }
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("name", g.name());
            view.put("file", g.file());
            view.put("rules", ruleViews);
            view.put("interval", g.interval().toMillis() / 1000.0);
            view.put("limit", g.limit());
            view.put("evaluationTime", stored == null ? 0.0 : stored.evaluationSeconds());
            view.put("lastEvaluation", stored == null ? PromApi.ZERO_TIME : stored.lastEvaluation().toString());
            groups.add(view);
        }
        return groups;
    }

    private static Map<String, Object> ruleView(Rule r, StoredStatus.StoredRule health,
            List<StoredStatus.ActiveAlert> groupAlerts, boolean excludeAlerts) {
        Map<String, Object> view = new LinkedHashMap<>();
        if (r instanceof AlertingRule a) {
            List<StoredStatus.ActiveAlert> mine = groupAlerts.stream()
                    .filter(x -> a.name().equals(x.labels().get("alertname"))).toList();
            view.put("state", mine.stream().anyMatch(x -> x.state().equals("firing")) ? "firing"
                    : mine.isEmpty() ? "inactive" : "pending");
            view.put("name", a.name());
            view.put("query", a.expr());
            view.put("duration", a.forDuration().toMillis() / 1000.0);
            view.put("keepFiringFor", a.keepFiringFor().toMillis() / 1000.0);
            view.put("labels", a.labels());
            view.put("annotations", a.annotations());
            if (!excludeAlerts) {
                view.put("alerts", mine.stream().map(AlertsResource::alertView).toList());
            }
        } else {
            RecordingRule rec = (RecordingRule) r;
            view.put("name", rec.name());
            view.put("query", rec.expr());
            view.put("labels", rec.labels());
        }
        view.put("health", health == null ? "unknown" : health.health());
        if (health != null && health.lastError() != null && !health.lastError().isEmpty()) {
            view.put("lastError", health.lastError());
        }
        view.put("evaluationTime", health == null ? 0.0 : health.evaluationTime());
        view.put("lastEvaluation", health == null || health.lastEvaluation() == null ? PromApi.ZERO_TIME
                : health.lastEvaluation());
        view.put("type", r instanceof AlertingRule ? "alerting" : "recording");
        return view;
    }
}

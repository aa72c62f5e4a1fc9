package io.vigil.alerting.api.rules;

import io.vigil.alerting.auth.Requires;
import io.vigil.alerting.auth.Role;
import io.vigil.alerting.eval.AlertStore;
import io.vigil.alerting.rules.AlertingRule;
import io.vigil.alerting.rules.RecordingRule;
import io.vigil.alerting.rules.Rule;
import io.vigil.alerting.rules.RuleGroup;
import io.vigil.alerting.rules.RuleRepository;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/v1/rules} as Prometheus answers it (Grafana's alert list and promtool-like clients read
 * it): every group of the loaded rules, with each rule's health from the group owner's last iteration and
 * its active alerts, whichever replica evaluates the group. Filters: {@code type=alert|record},
 * {@code rule_name[]}, {@code rule_group[]}, {@code file[]}, {@code exclude_alerts}.
 */
@Path("/api/v1/rules")
public class RulesResource {
    private final RuleRepository rules;
    private final StoredStatus status;

    RulesResource(RuleRepository rules, StoredStatus status) {
        this.rules = rules;
        this.status = status;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Requires(Role.READER)
    public Response rules(@QueryParam("type") String type, @QueryParam("rule_name[]") List<String> ruleNames,
            @QueryParam("rule_group[]") List<String> groupNames, @QueryParam("file[]") List<String> files,
            @QueryParam("exclude_alerts") String excludeAlertsParam) throws SQLException {
        if (type != null && !type.isEmpty() && !type.equals("alert") && !type.equals("record")) {
            return PromApi.badData("invalid query parameter type='" + PromApi.shorten(type)
                    + "', must be one of \"alert\" or \"record\"");
        }
        Boolean excludeAlerts = PromApi.parseBool(excludeAlertsParam);
        if (excludeAlerts == null) {
            return PromApi.badData("invalid query parameter exclude_alerts='" + PromApi.shorten(excludeAlertsParam)
                    + "', must be true or false");
        }
        Map<String, StoredStatus.StoredGroup> health = status.groups();
        Map<String, List<StoredStatus.ActiveAlert>> alertsBySource = new LinkedHashMap<>();
        if (!excludeAlerts) {
            for (StoredStatus.ActiveAlert a : status.activeAlerts()) {
                alertsBySource.computeIfAbsent(a.source(), s -> new ArrayList<>()).add(a);
            }
        }
        List<Map<String, Object>> groups = new ArrayList<>();
        for (RuleGroup g : rules.current().groups()) {
            if (!PromApi.selected(groupNames, g.name()) || !PromApi.selected(files, g.file())) {
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
            if (ruleViews.isEmpty() && (!ruleNames.isEmpty() || (type != null && !type.isEmpty()))) {
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
        return PromApi.success(Map.of("groups", groups));
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

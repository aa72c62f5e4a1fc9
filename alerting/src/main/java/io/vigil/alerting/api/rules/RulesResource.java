package io.vigil.alerting.api.rules;

import io.vigil.alerting.auth.Requires;
import io.vigil.alerting.auth.Role;
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
        Map<String, List<StoredStatus.ActiveAlert>> alertsBySource = new LinkedHashMap<>();
        if (!excludeAlerts) {
            for (StoredStatus.ActiveAlert a : status.activeAlerts()) {
                alertsBySource.computeIfAbsent(a.source(), s -> new ArrayList<>()).add(a);
            }
        }
        RulesView.Filter filter = new RulesView.Filter(type == null || type.isEmpty() ? null : type,
                ruleNames, groupNames, files, excludeAlerts);
        List<Map<String, Object>> groups = RulesView.groups(rules.current(), status.groups(), alertsBySource, filter);
        return PromApi.success(Map.of("groups", groups));
    }
}

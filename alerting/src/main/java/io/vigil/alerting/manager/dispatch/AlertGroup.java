package io.vigil.alerting.manager.dispatch;

import io.vigil.alerting.manager.routing.Route;
import java.util.List;
import java.util.Map;

/** The alerts one route groups together for its receiver, under Alertmanager's group key. */
public record AlertGroup(Route route, String groupKey, Map<String, String> groupLabels, List<ManagedAlert> alerts) {
    public AlertGroup {
        groupLabels = Map.copyOf(groupLabels);
        alerts = List.copyOf(alerts);
    }

    public String receiver() {
        return route.receiver();
    }

    /** Unique per (receiver, group): two sibling routes with equal matchers can share a group key. */
    public String id() {
        return route.receiver() + "\u0000" + groupKey;
    }
}

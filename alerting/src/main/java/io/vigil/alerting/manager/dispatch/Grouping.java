package io.vigil.alerting.manager.dispatch;

import io.vigil.alerting.manager.routing.Route;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Routes alerts through the tree into aggregation groups (one per route and group label values). */
public final class Grouping {
    private Grouping() {
    }

    public static List<AlertGroup> of(Route root, List<ManagedAlert> alerts) {
        record Key(Route route, String groupKey, Map<String, String> labels) {
        }
        Map<String, Key> keys = new LinkedHashMap<>();
        Map<String, List<ManagedAlert>> members = new LinkedHashMap<>();
        for (ManagedAlert a : alerts) {
            for (Route r : root.match(a.labels())) {
                Map<String, String> groupLabels = r.groupLabels(a.labels());
                String key = r.groupKey(groupLabels);
                String id = r.receiver() + "\u0000" + key;
                keys.putIfAbsent(id, new Key(r, key, groupLabels));
                members.computeIfAbsent(id, k -> new ArrayList<>()).add(a);
            }
        }
        List<AlertGroup> out = new ArrayList<>();
        for (Map.Entry<String, Key> e : keys.entrySet()) {
            out.add(new AlertGroup(e.getValue().route(), e.getValue().groupKey(), e.getValue().labels(), members.get(e.getKey())));
        }
        return out;
    }
}

package io.vigil.alerting.manager.routing;

import io.vigil.alerting.manager.match.Matcher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A node of the routing tree, with everything inherited from its parents already filled in.
 * {@code groupBy} null means {@code ['...']}: every label. {@code key} identifies the route in group keys
 * as Alertmanager spells it: {@code {}} for the root, then {@code /{matchers}} per level.
 */
public record Route(String receiver, List<String> groupBy, List<Matcher> matchers, boolean continueMatching,
        Duration groupWait, Duration groupInterval, Duration repeatInterval, List<Route> routes, String key) {

    public Route {
        matchers = List.copyOf(matchers);
        routes = List.copyOf(routes);
        groupBy = groupBy == null ? null : List.copyOf(groupBy);
    }

    /**
     * The routes an alert goes to: the deepest matching children, in order, moving on to the next
     * sibling only when the matching one says {@code continue}; this route itself when no child matches.
     * Empty when this route's own matchers do not match.
     */
    public List<Route> match(Map<String, String> labels) {
        if (!Matcher.all(matchers, labels)) {
            return List.of();
        }
        List<Route> all = new ArrayList<>();
        for (Route child : routes) {
            List<Route> found = child.match(labels);
            all.addAll(found);
            if (!found.isEmpty() && !child.continueMatching) {
                break;
            }
        }
        if (all.isEmpty()) {
            all.add(this);
        }
        return all;
    }

    /** The labels an alert is grouped by on this route (sorted). */
    public Map<String, String> groupLabels(Map<String, String> labels) {
        TreeMap<String, String> out = new TreeMap<>();
        if (groupBy == null) {
            out.putAll(labels);
            return out;
        }
        for (String name : groupBy) {
            String v = labels.get(name);
            if (v != null) {
                out.put(name, v);
            }
        }
        return out;
    }

    /** Alertmanager's group key: route key, ':', the group labels as {@code {a="1",b="2"}}. */
    public String groupKey(Map<String, String> groupLabels) {
        return key + ":" + labelString(new TreeMap<>(groupLabels));
    }

    /** Every route of the tree, depth first. */
    public List<Route> flatten() {
        List<Route> out = new ArrayList<>();
        out.add(this);
        for (Route r : routes) {
            out.addAll(r.flatten());
        }
        return out;
    }

    static String labelString(Map<String, String> sorted) {
        StringBuilder sb = new StringBuilder("{");
        for (Map.Entry<String, String> e : sorted.entrySet()) {
            if (sb.length() > 1) {
                sb.append(',');
            }
            sb.append(e.getKey()).append("=\"").append(e.getValue().replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
        return sb.append('}').toString();
    }
}

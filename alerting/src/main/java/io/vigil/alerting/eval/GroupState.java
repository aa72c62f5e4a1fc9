package io.vigil.alerting.eval;

import io.vigil.alerting.ha.Leases;
import io.vigil.alerting.rules.AlertingRule;
import io.vigil.alerting.rules.RecordingRule;
import io.vigil.alerting.rules.Rule;
import io.vigil.alerting.rules.RuleGroup;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What this replica holds for a group it owns: the group's definition, its lease, each alerting rule's
 * alerts (index-aligned with the rules; empty for recording rules) and the alerts as last committed to
 * the store. Confined to the group's iteration (one at a time); swapped, never shared, on a reload.
 */
final class GroupState {
    volatile RuleGroup group;
    volatile Leases.Lease lease;
    final List<Map<String, Alert>> alertsByRule = new ArrayList<>();
    /** Alerts of rules no longer in the group: firing ones resolve, then go after the retention. */
    final Map<String, Alert> orphans = new HashMap<>();
    Map<String, Alert> stored = Map.of();
    long lastSlotMillis = Long.MIN_VALUE;

    GroupState(RuleGroup group, Leases.Lease lease, Map<String, Alert> restored) {
        this.group = group;
        this.lease = lease;
        for (int i = 0; i < group.rules().size(); i++) {
            alertsByRule.add(new HashMap<>());
        }
        this.stored = Map.copyOf(restored);
        for (Alert a : restored.values()) {
            int rule = ruleOf(group.rules(), a);
            if (rule >= 0) {
                alertsByRule.get(rule).put(a.fingerprint(), a);
            } else {
                orphans.put(a.fingerprint(), a);
            }
        }
    }

    String source() {
        return AlertStore.source(group.key());
    }

    /** Takes a new definition of the same group, keeping alerts of rules that are still there (by name). */
    void redefine(RuleGroup newGroup) {
        List<Map<String, Alert>> old = new ArrayList<>(alertsByRule);
        List<Rule> oldRules = group.rules();
        alertsByRule.clear();
        boolean[] taken = new boolean[oldRules.size()];
        for (Rule r : newGroup.rules()) {
            Map<String, Alert> kept = new HashMap<>();
            for (int i = 0; i < oldRules.size(); i++) {
                if (oldRules.get(i) instanceof AlertingRule a && r instanceof AlertingRule && a.name().equals(r.name())) {
                    kept.putAll(old.get(i));
                    taken[i] = true;
                }
            }
            alertsByRule.add(kept);
        }
        for (int i = 0; i < oldRules.size(); i++) {
            if (!taken[i]) {
                orphans.putAll(old.get(i));
            }
        }
        group = newGroup;
    }

    /** The alerting rule an alert restored from the store belongs to: the first of its alertname. */
    private static int ruleOf(List<Rule> rules, Alert a) {
        for (int i = 0; i < rules.size(); i++) {
            if (rules.get(i) instanceof AlertingRule r && r.name().equals(a.alertname())) {
                return i;
            }
        }
        return -1;
    }

    /** At t: orphaned firing alerts resolve (for the resolved notification), then go after the retention. */
    void settleOrphans(java.time.Instant t) {
        orphans.replaceAll((fp, a) -> a.state() == AlertState.RESOLVED ? a
                : a.with(AlertState.RESOLVED, a.firedAt(), t, a.keepFiringSince(), t, t));
        orphans.values().removeIf(a -> a.firedAt() == null
                || java.time.Duration.between(a.resolvedAt(), t).compareTo(AlertStateMachine.RESOLVED_RETENTION) > 0);
    }

    /** All alerts of the group, by fingerprint, as the store keeps them. */
    Map<String, Alert> allAlerts() {
        Map<String, Alert> all = new HashMap<>(orphans);
        for (Map<String, Alert> m : alertsByRule) {
            all.putAll(m);
        }
        return all;
    }

    /**
     * Whether the group's rules may run concurrently: none reads a series another rule of the group
     * records (Prometheus then evaluates them in order).
     */
    static boolean independent(RuleGroup group) {
        for (Rule recording : group.rules()) {
            if (!(recording instanceof RecordingRule)) {
                continue;
            }
            for (Rule r : group.rules()) {
                if (r != recording && mentions(r.expr(), recording.name())) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Whether {@code name} occurs in {@code expr} as a whole metric name (not inside a longer one). */
    static boolean mentions(String expr, String name) {
        int from = 0;
        while (true) {
            int at = expr.indexOf(name, from);
            if (at < 0) {
                return false;
            }
            int end = at + name.length();
            if ((at == 0 || !nameChar(expr.charAt(at - 1))) && (end == expr.length() || !nameChar(expr.charAt(end)))) {
                return true;
            }
            from = at + 1;
        }
    }

    private static boolean nameChar(char c) {
        return c == '_' || c == ':' || Character.isLetterOrDigit(c);
    }
}

package io.vigil.alerting.manager.dispatch;

import io.vigil.alerting.manager.routing.InhibitRule;
import io.vigil.alerting.manager.silence.Silence;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides which alerts are silenced (an active silence matches) or inhibited (a firing alert matching an
 * inhibition rule's source, with equal labels, mutes a different alert matching its target).
 */
public final class Muting {
    private Muting() {
    }

    public static Map<String, MuteStatus> of(List<ManagedAlert> alerts, List<Silence> silences, List<InhibitRule> rules, Instant now) {
        List<Silence> active = silences.stream().filter(s -> "active".equals(s.state(now))).toList();
        Map<String, MuteStatus> out = new HashMap<>();
        for (ManagedAlert target : alerts) {
            List<String> silencedBy = new ArrayList<>();
            for (Silence s : active) {
                if (s.mutes(target.labels(), now)) {
                    silencedBy.add(s.id());
                }
            }
            List<String> inhibitedBy = inhibitors(target, alerts, rules);
            out.put(target.fingerprint(), silencedBy.isEmpty() && inhibitedBy.isEmpty() ? MuteStatus.NONE
                    : new MuteStatus(silencedBy, inhibitedBy));
        }
        return out;
    }

    private static List<String> inhibitors(ManagedAlert target, List<ManagedAlert> alerts, List<InhibitRule> rules) {
        List<String> out = new ArrayList<>();
        if (rules.isEmpty()) {
            return out;
        }
        for (ManagedAlert source : alerts) {
            if (!source.firing() || source.fingerprint().equals(target.fingerprint())) {
                continue;
            }
            for (InhibitRule r : rules) {
                if (r.inhibits(source.labels(), target.labels())) {
                    out.add(source.fingerprint());
                    break;
                }
            }
        }
        return out;
    }
}

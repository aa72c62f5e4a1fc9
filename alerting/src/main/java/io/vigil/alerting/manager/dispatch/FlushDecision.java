package io.vigil.alerting.manager.dispatch;

import io.vigil.alerting.manager.nflog.LogEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Whether a group's flush sends a notification, by Alertmanager's rules: muted alerts are left out; a
 * resolved alert is sent only if it was last sent firing (then it leaves the group); a notification goes
 * out when a new alert fires, when alerts resolved, or, unchanged, after repeat_interval.
 */
public record FlushDecision(List<ManagedAlert> firing, List<ManagedAlert> resolved) {

    public Set<String> firingFingerprints() {
        return fingerprints(firing);
    }

    public Set<String> resolvedFingerprints() {
        return fingerprints(resolved);
    }

    public static Optional<FlushDecision> decide(AlertGroup group, Map<String, MuteStatus> mutes, LogEntry last, Instant now) {
        Set<String> prevFiring = last == null ? Set.of() : last.firing();
        Set<String> prevResolved = last == null ? Set.of() : last.resolved();
        List<ManagedAlert> firing = new ArrayList<>();
        List<ManagedAlert> resolved = new ArrayList<>();
        for (ManagedAlert a : group.alerts()) {
            if (mutes.getOrDefault(a.fingerprint(), MuteStatus.NONE).muted()) {
                continue;
            }
            if (a.firing()) {
                firing.add(a);
            } else if (prevFiring.contains(a.fingerprint())) {
                resolved.add(a);
            }
        }
        if (firing.isEmpty() && resolved.isEmpty()) {
            return Optional.empty();
        }
        FlushDecision d = new FlushDecision(firing, resolved);
        boolean send;
        if (last == null) {
            send = !firing.isEmpty();
        } else if (!prevFiring.containsAll(d.firingFingerprints())) {
            send = true;
        } else if (!prevResolved.containsAll(d.resolvedFingerprints())) {
            send = true;
        } else {
            send = !firing.isEmpty() && !now.isBefore(last.sentAt().plus(group.route().repeatInterval()));
        }
        return send ? Optional.of(d) : Optional.empty();
    }

    private static Set<String> fingerprints(List<ManagedAlert> alerts) {
        Set<String> out = new TreeSet<>();
        for (ManagedAlert a : alerts) {
            out.add(a.fingerprint());
        }
        return out;
    }
}

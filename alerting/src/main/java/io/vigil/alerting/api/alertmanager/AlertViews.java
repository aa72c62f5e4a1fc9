package io.vigil.alerting.api.alertmanager;

import io.vigil.alerting.manager.dispatch.AlertGroup;
import io.vigil.alerting.manager.dispatch.AlertReader;
import io.vigil.alerting.manager.dispatch.Grouping;
import io.vigil.alerting.manager.dispatch.ManagedAlert;
import io.vigil.alerting.manager.dispatch.MuteStatus;
import io.vigil.alerting.manager.dispatch.Muting;
import io.vigil.alerting.manager.match.Matcher;
import io.vigil.alerting.manager.routing.Route;
import io.vigil.alerting.manager.routing.RoutingConfig;
import io.vigil.alerting.manager.routing.RoutingHolder;
import io.vigil.alerting.manager.silence.SilenceStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The alerts as the API shows them: firing alerts with their receivers and whether silences or
 * inhibition suppress them, computed from the same tables and rules the dispatcher uses.
 */
@ApplicationScoped
class AlertViews {
    /** Which alerts a query wants. */
    record Filter(List<Matcher> matchers, boolean active, boolean silenced, boolean inhibited, Pattern receiver) {
        boolean wants(AmJson.GettableAlert a, MuteStatus mute) {
            if (!Matcher.all(matchers, a.labels())) {
                return false;
            }
            if (!mute.silencedBy().isEmpty() && !silenced) {
                return false;
            }
            if (!mute.inhibitedBy().isEmpty() && !inhibited) {
                return false;
            }
            if (!mute.muted() && !active) {
                return false;
            }
            return receiver == null || a.receivers().stream().anyMatch(r -> receiver.matcher(r.name()).matches());
        }
    }

    private static final Duration RESOLVE_TIMEOUT = Duration.ofMinutes(5);

    private final AlertReader reader;
    private final SilenceStore silences;
    private final RoutingHolder routing;

    AlertViews(AlertReader reader, SilenceStore silences, RoutingHolder routing) {
        this.reader = reader;
        this.silences = silences;
        this.routing = routing;
    }

    List<AmJson.GettableAlert> alerts(Filter filter) throws SQLException {
        Instant now = Instant.now();
        RoutingConfig rc = routing.current();
        List<ManagedAlert> firing = firing(now);
        Map<String, MuteStatus> mutes = Muting.of(firing, silences.all(), rc.inhibitRules(), now);
        List<AmJson.GettableAlert> out = new ArrayList<>();
        for (ManagedAlert a : firing) {
            MuteStatus m = mutes.get(a.fingerprint());
            AmJson.GettableAlert g = gettable(a, m, rc.root());
            if (filter.wants(g, m)) {
                out.add(g);
            }
        }
        return out;
    }

    List<AmJson.AlertGroup> groups(Filter filter) throws SQLException {
        Instant now = Instant.now();
        RoutingConfig rc = routing.current();
        List<ManagedAlert> firing = firing(now);
        Map<String, MuteStatus> mutes = Muting.of(firing, silences.all(), rc.inhibitRules(), now);
        List<AmJson.AlertGroup> out = new ArrayList<>();
        for (AlertGroup g : Grouping.of(rc.root(), firing)) {
            if (filter.receiver() != null && !filter.receiver().matcher(g.receiver()).matches()) {
                continue;
            }
            List<AmJson.GettableAlert> members = new ArrayList<>();
            for (ManagedAlert a : g.alerts()) {
                MuteStatus m = mutes.get(a.fingerprint());
                AmJson.GettableAlert ga = gettable(a, m, rc.root());
                if (filter.wants(ga, m)) {
                    members.add(ga);
                }
            }
            if (!members.isEmpty()) {
                out.add(new AmJson.AlertGroup(g.groupLabels(), new AmJson.Receiver(g.receiver()), members));
            }
        }
        return out;
    }

    private List<ManagedAlert> firing(Instant now) throws SQLException {
        return reader.read(now).stream().filter(ManagedAlert::firing).toList();
    }

    private static AmJson.GettableAlert gettable(ManagedAlert a, MuteStatus m, Route root) {
        Set<String> receivers = new LinkedHashSet<>();
        for (Route r : root.match(a.labels())) {
            receivers.add(r.receiver());
        }
        Instant endsAt = a.validUntil() != null ? a.validUntil() : a.updatedAt().plus(RESOLVE_TIMEOUT);
        String state = m.muted() ? "suppressed" : "active";
        return new AmJson.GettableAlert(a.labels(), a.annotations(), a.startsAt(), endsAt, a.updatedAt(), a.generatorUrl(),
                a.fingerprint(), receivers.stream().map(AmJson.Receiver::new).toList(),
                new AmJson.AlertStatus(state, m.silencedBy(), m.inhibitedBy()));
    }
}

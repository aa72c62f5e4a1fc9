package io.vigil.alerting.manager.silence;

import io.vigil.alerting.manager.match.Matcher;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A silence: mutes alerts its matchers all match between {@code startsAt} and {@code endsAt}. */
public record Silence(String id, List<Matcher> matchers, Instant startsAt, Instant endsAt, String createdBy,
        String comment, Instant updatedAt) {

    public Silence {
        matchers = List.copyOf(matchers);
    }

    /** pending, active or expired, as Alertmanager's API spells them. */
    public String state(Instant now) {
        if (!endsAt.isAfter(now)) {
            return "expired";
        }
        return startsAt.isAfter(now) ? "pending" : "active";
    }

    public boolean mutes(Map<String, String> labels, Instant now) {
        return "active".equals(state(now)) && Matcher.all(matchers, labels);
    }

    public Silence withId(String newId) {
        return new Silence(newId, matchers, startsAt, endsAt, createdBy, comment, updatedAt);
    }
}

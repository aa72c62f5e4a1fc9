package io.vigil.alerting.manager.dispatch;

import java.time.Instant;
import java.util.Map;

/**
 * An alert as the manager sees it: every source's row for one fingerprint merged. {@code endsAt} is null
 * while it fires; a firing alert whose sources stopped refreshing it is resolved at its valid_until
 * ({@code validUntil}, null when its source never lets it time out).
 */
public record ManagedAlert(String fingerprint, Map<String, String> labels, Map<String, String> annotations,
        Instant startsAt, Instant endsAt, Instant updatedAt, String generatorUrl, Instant validUntil) {

    public ManagedAlert {
        labels = Map.copyOf(labels);
        annotations = Map.copyOf(annotations);
    }

    public boolean firing() {
        return endsAt == null;
    }
}

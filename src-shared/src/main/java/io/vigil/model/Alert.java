package io.vigil.model;

import java.time.Instant;
import java.util.Map;

/**
 * One alert inside a notification, as Alertmanager's webhook payload has it.
 *
 * @param status       "firing" or "resolved"
 * @param endsAt       when it resolved, or null while firing
 * @param fingerprint  stable identity of the alert (hash of its labels), as hex
 */
public record Alert(String status, Map<String, String> labels, Map<String, String> annotations, Instant startsAt,
        Instant endsAt, String generatorUrl, String fingerprint) {

    public Alert {
        labels = Map.copyOf(labels);
        annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
    }
}

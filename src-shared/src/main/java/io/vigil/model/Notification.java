package io.vigil.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A notification: a group of alerts for one receiver, firing or resolved. Alerting publishes one per
 * (group, receiver) on {@code vigil.notifications}; notify delivers it through the receiver's channel.
 *
 * @param id        stable id chosen by the publisher: the same notification published twice has the same
 *                  id, so delivery is idempotent per (id, receiver)
 * @param receiver  name of a receiver in notify's receiver configuration
 * @param status    "firing" if any alert fires, else "resolved"
 * @param groupKey  identity of the alert group (also the Kafka record key)
 */
public record Notification(String id, String receiver, String status, String groupKey, Map<String, String> groupLabels,
        Map<String, String> commonLabels, Map<String, String> commonAnnotations, String externalUrl, List<Alert> alerts,
        Instant createdAt) {

    public static final String FIRING = "firing";
    public static final String RESOLVED = "resolved";

    public Notification {
        groupLabels = Map.copyOf(groupLabels);
        commonLabels = Map.copyOf(commonLabels);
        commonAnnotations = Map.copyOf(commonAnnotations);
        alerts = List.copyOf(alerts);
    }

    public boolean firing() {
        return FIRING.equals(status);
    }
}

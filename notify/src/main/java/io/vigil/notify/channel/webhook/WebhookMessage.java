package io.vigil.notify.channel.webhook;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.vigil.model.Alert;
import io.vigil.model.Notification;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The body a webhook receives: Alertmanager's webhook payload, version 4, field for field, so any
 * receiver written for Alertmanager (and its many adapters) works unchanged. Label and annotation maps
 * are sorted by key, as Go's encoder writes them.
 *
 * <p>{@code truncatedAlerts} is always 0: Vigil sends every alert of the group (Alertmanager only
 * truncates when {@code max_alerts} is set).
 */
@JsonPropertyOrder({ "receiver", "status", "alerts", "groupLabels", "commonLabels", "commonAnnotations", "externalURL",
        "version", "groupKey", "truncatedAlerts" })
record WebhookMessage(String receiver, String status, List<WebhookAlert> alerts, Map<String, String> groupLabels,
        Map<String, String> commonLabels, Map<String, String> commonAnnotations,
        @JsonProperty("externalURL") String externalUrl, String version, String groupKey, int truncatedAlerts) {

    static final String VERSION = "4";
    /** Go's zero time, which Alertmanager writes as endsAt of an alert that has not ended. */
    static final String ZERO_TIME = "0001-01-01T00:00:00Z";

    @JsonPropertyOrder({ "status", "labels", "annotations", "startsAt", "endsAt", "generatorURL", "fingerprint" })
    record WebhookAlert(String status, Map<String, String> labels, Map<String, String> annotations, String startsAt,
            String endsAt, @JsonProperty("generatorURL") String generatorUrl, String fingerprint) {
    }

    static WebhookMessage of(Notification n) {
        List<WebhookAlert> alerts = n.alerts().stream().map(WebhookMessage::alert).toList();
        return new WebhookMessage(n.receiver(), n.status(), alerts, sorted(n.groupLabels()), sorted(n.commonLabels()),
                sorted(n.commonAnnotations()), orEmpty(n.externalUrl()), VERSION, orEmpty(n.groupKey()), 0);
    }

    private static WebhookAlert alert(Alert a) {
        return new WebhookAlert(a.status(), sorted(a.labels()), sorted(a.annotations()), time(a.startsAt()),
                time(a.endsAt()), orEmpty(a.generatorUrl()), orEmpty(a.fingerprint()));
    }

    private static String time(Instant t) {
        return t == null ? ZERO_TIME : t.toString();
    }

    private static Map<String, String> sorted(Map<String, String> m) {
        return new TreeMap<>(m);
    }

    // Alertmanager's fields are Go strings, never null; receivers written for it do not expect null.
    private static String orEmpty(String s) {
        return Objects.requireNonNullElse(s, "");
    }
}

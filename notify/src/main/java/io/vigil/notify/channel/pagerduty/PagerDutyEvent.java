package io.vigil.notify.channel.pagerduty;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * An Events API v2 alert event, as POSTed to {@code /v2/enqueue}. A trigger carries a payload, links and
 * the client; a resolve carries only the routing key, the action and the dedup key (PagerDuty ignores
 * anything else on a resolve). Absent fields are left out rather than sent as null.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record PagerDutyEvent(@JsonProperty("routing_key") String routingKey, @JsonProperty("event_action") String eventAction,
        @JsonProperty("dedup_key") String dedupKey, Payload payload, List<Link> links, String client,
        @JsonProperty("client_url") String clientUrl) {

    static final String TRIGGER = "trigger";
    static final String RESOLVE = "resolve";

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Payload(String summary, String source, String severity, String timestamp,
            @JsonProperty("custom_details") Map<String, Object> customDetails) {
    }

    record Link(String href, String text) {
    }

    static PagerDutyEvent trigger(String routingKey, String dedupKey, Payload payload, List<Link> links, String client,
            String clientUrl) {
        return new PagerDutyEvent(routingKey, TRIGGER, dedupKey, payload, links.isEmpty() ? null : links, client,
                clientUrl);
    }

    static PagerDutyEvent resolve(String routingKey, String dedupKey) {
        return new PagerDutyEvent(routingKey, RESOLVE, dedupKey, null, null, null, null);
    }

    /** The routing key is a secret: never print it. */
    @Override
    public String toString() {
        return "PagerDutyEvent[" + eventAction + " " + dedupKey + "]";
    }
}

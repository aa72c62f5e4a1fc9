package io.vigil.notify.channel.pagerduty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.model.Notification;
import io.vigil.notify.channel.Attempt;
import io.vigil.notify.channel.Channel;
import io.vigil.notify.channel.http.HttpDelivery;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;

/**
 * Sends a notification to PagerDuty's Events API v2: a firing group triggers (or updates) an alert, a
 * resolved group resolves it.
 *
 * <p>Both carry the same {@code dedup_key}, the hex SHA-256 of receiver and group key, so the resolve
 * closes exactly the alert the trigger opened, and the retries and repeats of one group fold into one
 * PagerDuty alert instead of paging again. PagerDuty answers 202 when it accepted the event; its 400
 * (invalid event) is never retried, its 429 and 5xx are (see {@link HttpDelivery}).
 */
final class PagerDutyChannel implements Channel {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String receiver;
    private final URI url;
    private final String routingKey;
    private final Duration timeout;
    private final String severityLabel;
    private final String client;
    private final String clientUrl;

    /** {@code clientUrl} may be null: then the notification's external URL is used. */
    PagerDutyChannel(String receiver, URI url, String routingKey, Duration timeout, String severityLabel, String client,
            String clientUrl) {
        this.receiver = receiver;
        this.url = url;
        this.routingKey = routingKey;
        this.timeout = timeout;
        this.severityLabel = severityLabel;
        this.client = client;
        this.clientUrl = clientUrl;
    }

    @Override
    public String receiver() {
        return receiver;
    }

    @Override
    public String type() {
        return PagerDutyChannelFactory.TYPE;
    }

    @Override
    public Attempt deliver(Notification n) {
        String dedupKey = dedupKey(receiver, n.groupKey());
        PagerDutyEvent event = n.firing()
                ? PagerDutyEvent.trigger(routingKey, dedupKey,
                        TriggerContent.payload(n, PagerDutySeverity.of(n, severityLabel), client),
                        TriggerContent.links(n), client, clientUrl != null ? clientUrl : blankToNull(n.externalUrl()))
                : PagerDutyEvent.resolve(routingKey, dedupKey);
        byte[] body;
        try {
            body = JSON.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            // Strings and maps always encode; if this ever fails, retrying would fail the same way.
            return Attempt.rejected(0, "event could not be encoded (" + e.getClass().getSimpleName() + ")");
        }
        return HttpDelivery.send(HttpRequest.newBuilder(url).timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    /** 64 hex characters, well within PagerDuty's 255; the same for a group's trigger and resolve. */
    static String dedupKey(String receiver, String groupKey) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(receiver.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update((groupKey == null ? "" : groupKey).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /** Names the receiver only: the routing key is a secret. */
    @Override
    public String toString() {
        return "PagerDutyChannel[" + receiver + "]";
    }
}

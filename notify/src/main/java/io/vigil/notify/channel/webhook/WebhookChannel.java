package io.vigil.notify.channel.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.model.Notification;
import io.vigil.notify.channel.Attempt;
import io.vigil.notify.channel.Channel;
import io.vigil.notify.channel.http.HttpDelivery;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Map;

/**
 * Posts a notification as Alertmanager's webhook payload (version 4) to one URL.
 *
 * <p>Headers: {@code Content-Type: application/json}; {@code X-Vigil-Notification-Id}, the same for
 * every retry of one notification, so a receiver can drop the duplicates that at-least-once delivery
 * produces; {@code X-Vigil-Signature} when the receiver has an {@code hmac_secret}; {@code Authorization}
 * when it has an {@code authorization} secret; and the receiver's own {@code headers}.
 */
final class WebhookChannel implements Channel {
    static final String NOTIFICATION_ID_HEADER = "X-Vigil-Notification-Id";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String receiver;
    private final URI url;
    private final Duration timeout;
    private final Map<String, String> headers;
    private final String authorization;
    private final WebhookSignature signature;

    /** {@code authorization} and {@code signature} may be null. */
    WebhookChannel(String receiver, URI url, Duration timeout, Map<String, String> headers, String authorization,
            WebhookSignature signature) {
        this.receiver = receiver;
        this.url = url;
        this.timeout = timeout;
        this.headers = Map.copyOf(headers);
        this.authorization = authorization;
        this.signature = signature;
    }

    @Override
    public String receiver() {
        return receiver;
    }

    @Override
    public String type() {
        return WebhookChannelFactory.TYPE;
    }

    @Override
    public Attempt deliver(Notification notification) {
        byte[] body;
        try {
            body = JSON.writeValueAsBytes(WebhookMessage.of(notification));
        } catch (JsonProcessingException e) {
            // Strings and maps always encode; if this ever fails, retrying would fail the same way.
            return Attempt.rejected(0, "payload could not be encoded (" + e.getClass().getSimpleName() + ")");
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(timeout)
                .header("Content-Type", "application/json")
                .header(NOTIFICATION_ID_HEADER, notification.id());
        headers.forEach(request::header);
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (signature != null) {
            request.header(WebhookSignature.HEADER, signature.sign(body));
        }
        return HttpDelivery.send(request.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    /** Names the receiver only: the URL may carry a token and the secrets must not reach a log. */
    @Override
    public String toString() {
        return "WebhookChannel[" + receiver + "]";
    }
}

package io.vigil.kafka;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.vigil.model.Alert;
import io.vigil.model.Notification;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Encoding of a {@code vigil.notifications} record: key = the group key (UTF-8), value = the
 * notification as JSON (times in RFC 3339), with a format version:
 *
 * <pre>{@code {"version":1,"id":"…","receiver":"team-web","status":"firing","groupKey":"…",
 *   "groupLabels":{…},"commonLabels":{…},"commonAnnotations":{…},"externalUrl":"…",
 *   "alerts":[{"status":"firing","labels":{…},"annotations":{…},"startsAt":"…","endsAt":null,
 *              "generatorUrl":"…","fingerprint":"…"}],"createdAt":"…"}}</pre>
 *
 * JSON rather than binary: notifications are few, and an operator reading the topic or the
 * dead-letter topic should understand them. Decoding refuses records that cannot be delivered
 * (missing id, receiver or group key, an unknown status, no alerts) with the reason.
 */
public final class NotificationCodec {
    public static final int VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private record Envelope(int version, String id, String receiver, String status, String groupKey,
            java.util.Map<String, String> groupLabels, java.util.Map<String, String> commonLabels,
            java.util.Map<String, String> commonAnnotations, String externalUrl, java.util.List<Alert> alerts,
            java.time.Instant createdAt) {
    }

    private NotificationCodec() {
    }

    public static byte[] key(Notification n) {
        return n.groupKey().getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] encode(Notification n) {
        try {
            return JSON.writeValueAsBytes(new Envelope(VERSION, n.id(), n.receiver(), n.status(), n.groupKey(), n.groupLabels(),
                    n.commonLabels(), n.commonAnnotations(), n.externalUrl(), n.alerts(), n.createdAt()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode notification " + n.id(), e);
        }
    }

    public static Notification decode(byte[] value) {
        Envelope e;
        try {
            e = JSON.readValue(value, Envelope.class);
        } catch (JsonProcessingException ex) {
            throw new IllegalArgumentException("notification is malformed: " + ex.getOriginalMessage(), ex);
        } catch (IOException ex) {
            throw new IllegalArgumentException("notification cannot be read: " + ex.getMessage(), ex);
        } catch (RuntimeException ex) {
            throw new IllegalArgumentException("notification is malformed: " + ex.getMessage(), ex);
        }
        if (e == null) {
            throw new IllegalArgumentException("notification is empty");
        }
        if (e.version() != VERSION) {
            throw new IllegalArgumentException("unknown notification format version " + e.version());
        }
        require(e.id(), "id");
        require(e.receiver(), "receiver");
        require(e.groupKey(), "groupKey");
        if (!Notification.FIRING.equals(e.status()) && !Notification.RESOLVED.equals(e.status())) {
            throw new IllegalArgumentException("notification status \"" + e.status() + "\" is neither firing nor resolved");
        }
        if (e.alerts() == null || e.alerts().isEmpty()) {
            throw new IllegalArgumentException("notification " + e.id() + " has no alerts");
        }
        for (Alert a : e.alerts()) {
            if (a == null || a.labels() == null || a.startsAt() == null) {
                throw new IllegalArgumentException("notification " + e.id() + " has an alert without labels or startsAt");
            }
        }
        return new Notification(e.id(), e.receiver(), e.status(), e.groupKey(), orEmpty(e.groupLabels()),
                orEmpty(e.commonLabels()), orEmpty(e.commonAnnotations()), e.externalUrl(), e.alerts(),
                e.createdAt() == null ? java.time.Instant.EPOCH : e.createdAt());
    }

    private static void require(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("notification has no " + field);
        }
    }

    private static java.util.Map<String, String> orEmpty(java.util.Map<String, String> m) {
        return m == null ? java.util.Map.of() : m;
    }
}

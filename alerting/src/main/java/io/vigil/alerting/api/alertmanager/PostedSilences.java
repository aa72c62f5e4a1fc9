package io.vigil.alerting.api.alertmanager;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.alerting.manager.match.Matcher;
import io.vigil.alerting.manager.silence.Silence;
import io.vigil.alerting.manager.silence.SilenceValidator;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** Reads a postable silence ({@code POST /api/v2/silences}); validity beyond the shape is the store's. */
final class PostedSilences {
    private PostedSilences() {
    }

    static Silence parse(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new IllegalArgumentException("the body must be a JSON object (a postable silence)");
        }
        String id = text(body, "id", false);
        JsonNode ms = body.get("matchers");
        if (ms == null || !ms.isArray() || ms.isEmpty()) {
            throw new IllegalArgumentException("matchers: a silence needs at least one matcher");
        }
        if (ms.size() > SilenceValidator.MAX_MATCHERS) {
            throw new IllegalArgumentException("a silence may have at most " + SilenceValidator.MAX_MATCHERS + " matchers, not " + ms.size());
        }
        List<Matcher> matchers = new ArrayList<>();
        for (JsonNode m : ms) {
            if (!m.isObject()) {
                throw new IllegalArgumentException("matchers: each matcher must be an object with name, value, isRegex");
            }
            String name = text(m, "name", true);
            String value = text(m, "value", true);
            if (value.length() > SilenceValidator.MAX_VALUE_LENGTH) {
                throw new IllegalArgumentException("matcher " + name + ": value longer than " + SilenceValidator.MAX_VALUE_LENGTH + " characters");
            }
            boolean isRegex = bool(m, "isRegex", false);
            boolean isEqual = bool(m, "isEqual", true);
            matchers.add(Matcher.of(name, Matcher.Type.of(isRegex, isEqual), value));
        }
        return new Silence(id, matchers, time(body, "startsAt"), time(body, "endsAt"), text(body, "createdBy", false),
                text(body, "comment", false), null);
    }

    private static String text(JsonNode n, String field, boolean required) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                throw new IllegalArgumentException(field + " is required");
            }
            return null;
        }
        if (!v.isTextual()) {
            throw new IllegalArgumentException(field + " must be a string");
        }
        return v.asText();
    }

    private static boolean bool(JsonNode n, String field, boolean dflt) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return dflt;
        }
        if (!v.isBoolean()) {
            throw new IllegalArgumentException(field + " must be true or false");
        }
        return v.asBoolean();
    }

    private static Instant time(JsonNode n, String field) {
        String v = text(n, field, true);
        try {
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(field + " \"" + (v.length() > 60 ? v.substring(0, 60) : v) + "\" is not an RFC 3339 time");
        }
    }
}

package io.vigil.alerting.api.alertmanager;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Reads {@code POST /api/v2/alerts} bodies (postable alerts, as Prometheus sends them) and says exactly
 * what is wrong with each refused alert. Limits keep one request from flooding the alerts table.
 */
final class PostedAlerts {
    static final int MAX_ALERTS = 1000;
    static final int MAX_LABELS = 100;
    static final int MAX_VALUE_LENGTH = 4096;
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]{0,199}");

    /** One alert as posted; {@code startsAt} / {@code endsAt} null when not given. */
    record Posted(Map<String, String> labels, Map<String, String> annotations, Instant startsAt, Instant endsAt, String generatorUrl) {
    }

    private PostedAlerts() {
    }

    /** The alerts, or an {@link IllegalArgumentException} listing every problem. */
    static List<Posted> parse(JsonNode body) {
        if (body == null || !body.isArray()) {
            throw new IllegalArgumentException("the body must be a JSON array of alerts");
        }
        if (body.size() > MAX_ALERTS) {
            throw new IllegalArgumentException("at most " + MAX_ALERTS + " alerts per request, not " + body.size());
        }
        List<Posted> out = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < body.size(); i++) {
            try {
                out.add(one(body.get(i)));
            } catch (IllegalArgumentException e) {
                problems.add("alert " + i + ": " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems.subList(0, Math.min(problems.size(), 20))));
        }
        return out;
    }

    private static Posted one(JsonNode a) {
        if (a == null || !a.isObject()) {
            throw new IllegalArgumentException("must be a JSON object");
        }
        Map<String, String> labels = labelSet(a.get("labels"), "labels");
        labels.values().removeIf(String::isEmpty);
        if (labels.isEmpty()) {
            throw new IllegalArgumentException("at least one label pair is required");
        }
        Map<String, String> annotations = a.hasNonNull("annotations") ? labelSet(a.get("annotations"), "annotations") : Map.of();
        Instant startsAt = time(a.get("startsAt"), "startsAt");
        Instant endsAt = time(a.get("endsAt"), "endsAt");
        if (startsAt != null && endsAt != null && endsAt.isBefore(startsAt)) {
            throw new IllegalArgumentException("endsAt " + endsAt + " is before startsAt " + startsAt);
        }
        JsonNode url = a.get("generatorURL");
        if (url != null && !url.isNull() && (!url.isTextual() || url.asText().length() > MAX_VALUE_LENGTH)) {
            throw new IllegalArgumentException("generatorURL must be a string of at most " + MAX_VALUE_LENGTH + " characters");
        }
        return new Posted(labels, annotations, startsAt, endsAt, url == null || url.isNull() || url.asText().isEmpty() ? null : url.asText());
    }

    private static Map<String, String> labelSet(JsonNode node, String what) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException(what + " must be an object of names to string values");
        }
        if (node.size() > MAX_LABELS) {
            throw new IllegalArgumentException("more than " + MAX_LABELS + " " + what);
        }
        Map<String, String> out = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!LABEL_NAME.matcher(e.getKey()).matches()) {
                throw new IllegalArgumentException("invalid " + what + " name \"" + abbreviate(e.getKey()) + "\"");
            }
            if (!e.getValue().isTextual()) {
                throw new IllegalArgumentException(what + " " + e.getKey() + ": value must be a string");
            }
            if (e.getValue().asText().length() > MAX_VALUE_LENGTH) {
                throw new IllegalArgumentException(what + " " + e.getKey() + ": value longer than " + MAX_VALUE_LENGTH + " characters");
            }
            out.put(e.getKey(), e.getValue().asText());
        }
        return out;
    }

    private static Instant time(JsonNode node, String what) {
        if (node == null || node.isNull() || (node.isTextual() && node.asText().isEmpty())) {
            return null;
        }
        if (!node.isTextual()) {
            throw new IllegalArgumentException(what + " must be an RFC 3339 time string");
        }
        try {
            Instant t = java.time.OffsetDateTime.parse(node.asText()).toInstant();
            // Go's zero time, which some clients send for "not set".
            return t.getEpochSecond() < 0 ? null : t;
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(what + " \"" + abbreviate(node.asText()) + "\" is not an RFC 3339 time");
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "…" : s;
    }
}

package io.vigil.wire.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.io.InputStream;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Streaming parser of Vigil's JSON push format: one object, or an array of objects, each
 *
 * <pre>{@code {"metric_name":"cpu.load","labels":{"host":"i631"},"timestamp":1613707265.5,"value":0.29}}</pre>
 *
 * <p>{@code timestamp} is Unix seconds (fractions allowed, kept to the millisecond) or an RFC 3339
 * string; it may be left out, and then the receive time is used. Unknown fields are refused, so a typo
 * ({@code "valeu"}) is reported instead of silently dropping a value.
 *
 * <p>Each item is reported to the {@link Handler} as a sample or as invalid with a reason; a body that
 * is not JSON at all ends the parse with a {@link MalformedBodyException} naming line and column.
 * Names and values are not validated here beyond their JSON types: that is shared across protocols.
 */
public final class JsonPushParser {
    /** Timestamps beyond ±1e11 s (year ~5000) are refused before any arithmetic on them. */
    private static final double MAX_ABS_SECONDS = 1e11;
    private static final int MAX_LABELS = 256;

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).maxNumberLength(64)
                    .maxStringLength(1 << 20).build())
            .build();

    /** Receives what the parser found, item by item, in order. */
    public interface Handler {
        /** A well-formed item; {@code labels} is a fresh map the handler may keep. */
        void sample(int index, String metricName, Map<String, String> labels, long timestampMillis, double value);

        void invalid(int index, String reason);

        /** Called before each item; returning false stops the parse (e.g. too many samples). */
        default boolean more(int index) {
            return true;
        }
    }

    /** The body is not parseable as a whole. */
    public static final class MalformedBodyException extends Exception {
        public MalformedBodyException(String message) {
            super(message);
        }
    }

    private JsonPushParser() {
    }

    public static void parse(InputStream body, long receivedAtMillis, Handler handler) throws MalformedBodyException {
        try (JsonParser p = FACTORY.createParser(body)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                throw new MalformedBodyException("empty body: expected a JSON object or an array of objects");
            }
            if (first == JsonToken.START_OBJECT) {
                if (handler.more(0)) {
                    item(p, 0, receivedAtMillis, handler);
                }
            } else if (first == JsonToken.START_ARRAY) {
                int index = 0;
                JsonToken t;
                while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                    if (t == null) {
                        throw new MalformedBodyException("body ends inside the array");
                    }
                    if (!handler.more(index)) {
                        return;
                    }
                    if (t == JsonToken.START_OBJECT) {
                        item(p, index, receivedAtMillis, handler);
                    } else {
                        p.skipChildren();
                        handler.invalid(index, "item is " + describe(t) + ", expected an object");
                    }
                    index++;
                }
            } else {
                throw new MalformedBodyException("body is " + describe(first) + ", expected a JSON object or an array of objects");
            }
            if (p.nextToken() != null) {
                throw new MalformedBodyException("unexpected content after the end of the JSON value at line "
                        + p.currentLocation().getLineNr() + ", column " + p.currentLocation().getColumnNr());
            }
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            throw new MalformedBodyException("malformed JSON" + (at == null ? "" : " at line " + at.getLineNr()
                    + ", column " + at.getColumnNr()) + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new MalformedBodyException("cannot read the body: " + e.getMessage());
        }
    }

    private static void item(JsonParser p, int index, long receivedAtMillis, Handler handler) throws IOException {
        String name = null;
        Map<String, String> labels = new LinkedHashMap<>();
        long timestamp = receivedAtMillis;
        double value = 0;
        boolean hasValue = false;
        String error = null;
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken v = p.nextToken();
            String problem = null;
            switch (field) {
                case "metric_name" -> {
                    if (v == JsonToken.VALUE_STRING) {
                        name = p.getText();
                    } else {
                        problem = "metric_name is " + describe(v) + ", expected a string";
                    }
                }
                case "labels" -> problem = v == JsonToken.START_OBJECT ? labels(p, labels)
                        : v == JsonToken.VALUE_NULL ? null : "labels is " + describe(v) + ", expected an object";
                case "timestamp" -> {
                    if (v == JsonToken.VALUE_NUMBER_INT || v == JsonToken.VALUE_NUMBER_FLOAT) {
                        double seconds = p.getDoubleValue();
                        if (!(Math.abs(seconds) < MAX_ABS_SECONDS)) {
                            problem = "timestamp " + p.getText() + " is out of range (expected Unix seconds)";
                        } else {
                            timestamp = p.getDecimalValue().movePointRight(3).longValue();
                        }
                    } else if (v == JsonToken.VALUE_STRING) {
                        try {
                            timestamp = OffsetDateTime.parse(p.getText().toUpperCase(Locale.ROOT).replace(' ', 'T'),
                                    DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant().toEpochMilli();
                        } catch (DateTimeParseException | ArithmeticException e) {
                            problem = "timestamp \"" + abbreviate(p.getText()) + "\" is not an RFC 3339 time";
                        }
                    } else {
                        problem = "timestamp is " + describe(v) + ", expected Unix seconds or an RFC 3339 string";
                    }
                }
                case "value" -> {
                    if (v == JsonToken.VALUE_NUMBER_INT || v == JsonToken.VALUE_NUMBER_FLOAT) {
                        value = p.getDoubleValue();
                        hasValue = true;
                    } else {
                        problem = "value is " + describe(v) + ", expected a number";
                    }
                }
                default -> problem = "unknown field \"" + abbreviate(field) + "\"";
            }
            if (problem != null) {
                p.skipChildren();
                if (error == null) {
                    error = problem;
                }
            }
        }
        if (t != JsonToken.END_OBJECT) {
            throw new IOException("unexpected " + describe(t));
        }
        if (error == null && name == null) {
            error = "metric_name is missing";
        }
        if (error == null && !hasValue) {
            error = "value is missing";
        }
        if (error != null) {
            handler.invalid(index, error);
        } else {
            handler.sample(index, name, labels, timestamp, value);
        }
    }

    /** Reads a labels object; returns the first problem, or null. Always consumes the whole object. */
    private static String labels(JsonParser p, Map<String, String> labels) throws IOException {
        String problem = null;
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            JsonToken v = p.nextToken();
            if (v != JsonToken.VALUE_STRING) {
                p.skipChildren();
                if (problem == null) {
                    problem = "label \"" + abbreviate(key) + "\" is " + describe(v) + ", expected a string";
                }
            } else if (labels.put(key, p.getText()) != null && problem == null) {
                problem = "label \"" + abbreviate(key) + "\" is given twice";
            } else if (labels.size() > MAX_LABELS && problem == null) {
                problem = "more than " + MAX_LABELS + " labels";
            }
        }
        return problem;
    }

    private static String describe(JsonToken t) {
        if (t == null) {
            return "missing";
        }
        return switch (t) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> t.toString();
        };
    }

    private static String abbreviate(String s) {
        return s.length() <= 64 ? s : s.substring(0, 61) + "...";
    }
}

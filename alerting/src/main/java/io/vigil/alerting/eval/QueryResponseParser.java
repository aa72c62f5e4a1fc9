package io.vigil.alerting.eval;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a Prometheus instant query answer with Jackson's streaming parser (no tree per sample):
 * {@code {"status":"success","data":{"resultType":"vector","result":[{"metric":{..},"value":[t,"v"]}]}}},
 * a scalar ({@code "result":[t,"v"]}) as one unlabelled sample, or {@code {"status":"error","error":..}}.
 */
final class QueryResponseParser {
    private static final JsonFactory JSON = new JsonFactory();

    private QueryResponseParser() {
    }

    /** The samples; throws with the query tier's own message when it answered an error. */
    static List<QuerySample> parse(InputStream body) throws IOException, Querier.QueryException {
        String status = null;
        String errorType = null;
        String error = null;
        String resultType = null;
        List<QuerySample> samples = null;
        try (JsonParser p = JSON.createParser(body)) {
            expect(p.nextToken(), JsonToken.START_OBJECT);
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                switch (field) {
                    case "status" -> status = p.getValueAsString();
                    case "errorType" -> errorType = p.getValueAsString();
                    case "error" -> error = p.getValueAsString();
                    case "data" -> {
                        expect(p.currentToken(), JsonToken.START_OBJECT);
                        while (p.nextToken() == JsonToken.FIELD_NAME) {
                            String dataField = p.currentName();
                            p.nextToken();
                            if (dataField.equals("resultType")) {
                                resultType = p.getValueAsString();
                            } else if (dataField.equals("result")) {
                                samples = readResult(p, resultType);
                            } else {
                                p.skipChildren();
                            }
                        }
                    }
                    default -> p.skipChildren();
                }
            }
        }
        if (!"success".equals(status)) {
            throw new Querier.QueryException(error != null ? error
                    : "query tier answered status " + status + (errorType != null ? " (" + errorType + ")" : ""));
        }
        if (samples == null) {
            throw new IOException("answer without data.result");
        }
        return samples;
    }

    private static List<QuerySample> readResult(JsonParser p, String resultType)
            throws IOException, Querier.QueryException {
        if ("scalar".equals(resultType)) {
            return List.of(new QuerySample(Map.of(), readPoint(p)));
        }
        if (!"vector".equals(resultType)) {
            // resultType comes before result in every Prometheus answer; anything else cannot be alerted on.
            throw new Querier.QueryException("rule expression must give a vector or a scalar, got "
                    + (resultType == null ? "an untyped result" : resultType));
        }
        expect(p.currentToken(), JsonToken.START_ARRAY);
        List<QuerySample> samples = new ArrayList<>();
        while (p.nextToken() == JsonToken.START_OBJECT) {
            Map<String, String> labels = Map.of();
            double value = Double.NaN;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                if (field.equals("metric")) {
                    labels = readLabels(p);
                } else if (field.equals("value")) {
                    value = readPoint(p);
                } else {
                    p.skipChildren();
                }
            }
            samples.add(new QuerySample(labels, value));
        }
        return samples;
    }

    private static Map<String, String> readLabels(JsonParser p) throws IOException {
        expect(p.currentToken(), JsonToken.START_OBJECT);
        Map<String, String> labels = new HashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            expect(p.nextToken(), JsonToken.VALUE_STRING);
            labels.put(name, p.getText());
        }
        return labels;
    }

    /** {@code [1712345678.123, "0.5"]}: the value, as Prometheus writes it ("NaN", "+Inf", "-Inf" too). */
    private static double readPoint(JsonParser p) throws IOException {
        expect(p.currentToken(), JsonToken.START_ARRAY);
        p.nextToken(); // the timestamp: the evaluation time we asked for
        expect(p.nextToken(), JsonToken.VALUE_STRING);
        double value = parseValue(p.getText());
        expect(p.nextToken(), JsonToken.END_ARRAY);
        return value;
    }

    static double parseValue(String text) throws IOException {
        switch (text) {
            case "+Inf", "Inf":
                return Double.POSITIVE_INFINITY;
            case "-Inf":
                return Double.NEGATIVE_INFINITY;
            case "NaN":
                return Double.NaN;
            default:
                try {
                    return Double.parseDouble(text);
                } catch (NumberFormatException e) {
                    throw new IOException("sample value \"" + text + "\" is not a number");
                }
        }
    }

    private static void expect(JsonToken actual, JsonToken expected) throws IOException {
        if (actual != expected) {
            throw new IOException("malformed query answer: expected " + expected + ", found " + actual);
        }
    }
}

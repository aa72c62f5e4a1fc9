package io.vigil.query.api.grafana;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** The request bodies the simpod JSON datasource sends (only the fields used here). */
final class GrafanaRequests {
    private GrafanaRequests() {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Range(String from, String to) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Target(String target, String refId, Boolean hide, String format, JsonNode payload) {
        /** Table format is asked for with {@code "format": "table"} on the target or in its payload. */
        boolean table() {
            return "table".equals(format) || payload != null && "table".equals(payload.path("format").asText(null));
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record AdhocFilter(String key, String operator, String value) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Query(Range range, Long intervalMs, Long maxDataPoints, List<Target> targets, List<AdhocFilter> adhocFilters) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record PayloadOptions(String metric, JsonNode payload, String name) {
    }

    /** {@code /variable}: the payload is what the user typed, an object with {@code target} or a bare string. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Variable(JsonNode payload, Range range) {
        String target() {
            if (payload == null) {
                return null;
            }
            return payload.isTextual() ? payload.asText() : payload.path("target").asText(null);
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record TagValues(String key) {
    }
}

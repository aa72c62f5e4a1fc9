package io.vigil.alerting.api.rules;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;

/** The Prometheus API envelope and parameter conventions shared by the two resources. */
final class PromApi {
    /** Go's zero time, which Prometheus shows for a rule never evaluated. */
    static final String ZERO_TIME = "0001-01-01T00:00:00Z";

    private PromApi() {
    }

    static Response success(Object data) {
        return Response.ok(Map.of("status", "success", "data", data), MediaType.APPLICATION_JSON).build();
    }

    static Response badData(String error) {
        return Response.status(400).type(MediaType.APPLICATION_JSON)
                .entity(Map.of("status", "error", "errorType", "bad_data", "error", error)).build();
    }

    /** An empty filter selects everything. */
    static boolean selected(List<String> wanted, String value) {
        return wanted == null || wanted.isEmpty() || wanted.contains(value);
    }

    /** true / false (Go's strconv.ParseBool spellings); absent = false; null when malformed. */
    static Boolean parseBool(String text) {
        if (text == null || text.isEmpty()) {
            return false;
        }
        return switch (text) {
            case "1", "t", "T", "true", "TRUE", "True" -> true;
            case "0", "f", "F", "false", "FALSE", "False" -> false;
            default -> null;
        };
    }

    /** A parameter echoed in an error, cut so a hostile one cannot blow the answer up. */
    static String shorten(String text) {
        return text.length() > 64 ? text.substring(0, 64) + "…" : text;
    }
}

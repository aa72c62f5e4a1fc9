package io.vigil.ingest.gateway.influx;

import io.vigil.ingest.gateway.PushOutcome;
import io.vigil.ingest.gateway.PushResponses;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/**
 * Answers in InfluxDB's shape: 204 without a body on success, otherwise
 * {@code {"code":"invalid","message":"…"}} with the code InfluxDB 2.x uses for the status. The
 * statuses are the gateway's ({@link PushResponses}): 400 when some lines were refused (the valid
 * ones are stored; the message names the first refused lines), 413, 429 and 503 with Retry-After.
 */
final class InfluxResponses {
    /** Set on a 204 when string fields were skipped (they are not metrics), with their count. */
    static final String STRING_FIELDS_HEADER = "X-Vigil-String-Fields-Skipped";

    private InfluxResponses() {
    }

    static Response error(int status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(Map.of("code", code(status), "message", message)).build();
    }

    static Response answer(PushOutcome outcome, int stringFields) {
        int status = PushResponses.status(outcome, 204);
        Response.ResponseBuilder r = status == 204 ? Response.noContent()
                : Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                        .entity(Map.of("code", code(status), "message", PushResponses.message(outcome)));
        if (stringFields > 0) {
            r.header(STRING_FIELDS_HEADER, stringFields);
        }
        return PushResponses.withRetryAfter(r, outcome).build();
    }

    private static String code(int status) {
        return switch (status) {
            case 400 -> "invalid";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not found";
            case 413 -> "request too large";
            case 415 -> "unsupported media type";
            case 429 -> "too many requests";
            case 503 -> "unavailable";
            default -> "internal error";
        };
    }
}

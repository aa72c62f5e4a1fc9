package io.vigil.alerting.api.alertmanager;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Alertmanager's API answers errors with a JSON string (the reason); so do we. */
final class ApiErrors {
    private ApiErrors() {
    }

    static Response of(int status, String reason) {
        String json = "\"" + reason.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\r", "\\r") + "\"";
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(json).build();
    }

    static Response badRequest(String reason) {
        return of(400, reason);
    }
}

package io.vigil.alerting.api.alertmanager;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;

/** Reads a request body as JSON, refusing more than {@link #MAX_BYTES} before parsing anything. */
final class Bodies {
    static final int MAX_BYTES = 1 << 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A body that is too large or not JSON; {@code status} is 413 or 400. */
    static final class BadBody extends Exception {
        final int status;

        BadBody(int status, String reason) {
            super(reason);
            this.status = status;
        }
    }

    private Bodies() {
    }

    static JsonNode json(InputStream in) throws BadBody, IOException {
        if (in == null) {
            throw new BadBody(400, "the request has no body");
        }
        byte[] bytes = in.readNBytes(MAX_BYTES + 1);
        if (bytes.length > MAX_BYTES) {
            throw new BadBody(413, "the body is larger than " + MAX_BYTES + " bytes");
        }
        if (bytes.length == 0) {
            throw new BadBody(400, "the request has no body");
        }
        try {
            return JSON.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new BadBody(400, "the body is not valid JSON: " + e.getOriginalMessage());
        }
    }
}

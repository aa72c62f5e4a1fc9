package io.vigil.notify.api;

import io.vigil.notify.log.DeliveryLog;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import java.util.Map;

/**
 * {@code GET /api/v1/deliveries?receiver=&notification=&limit=}: the newest delivery attempts (time,
 * receiver, channel, outcome, status code, latency, detail), newest first.
 */
@Path("/api/v1/deliveries")
public class DeliveriesResource {
    private static final int MAX_LIMIT = 1000;
    private final DeliveryLog log;

    DeliveriesResource(DeliveryLog log) {
        this.log = log;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response recent(@QueryParam("receiver") String receiver, @QueryParam("notification") String notification,
            @QueryParam("limit") String limit) {
        int n = 100;
        if (limit != null) {
            try {
                n = Integer.parseInt(limit);
            } catch (NumberFormatException e) {
                n = -1;
            }
            if (n < 1 || n > MAX_LIMIT) {
                return Response.status(400).entity(Map.of("status", "error", "error",
                        "limit must be a whole number from 1 to " + MAX_LIMIT)).build();
            }
        }
        try {
            return Response.ok(Map.of("status", "success", "data", log.recent(receiver, notification, n))).build();
        } catch (SQLException e) {
            return Response.status(503).entity(Map.of("status", "error", "error", "the delivery log is unavailable")).build();
        }
    }
}

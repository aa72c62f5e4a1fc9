package io.vigil.notify.api;

import io.vigil.model.Alert;
import io.vigil.model.Notification;
import io.vigil.notify.NotifyConfig;
import io.vigil.notify.channel.Attempt;
import io.vigil.notify.log.DeliveryLog;
import io.vigil.notify.receivers.ReceiverRegistry;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code POST /api/v1/receivers/{name}/test} (admin only: {@code Authorization: Bearer <vigil.notify.admin-token>}):
 * sends a test notification straight through the receiver's channel, once, and answers with the
 * outcome; the attempt is in the delivery log like any other.
 */
@Path("/api/v1/receivers/{name}/test")
public class TestNotificationResource {
    private final NotifyConfig config;
    private final ReceiverRegistry registry;
    private final DeliveryLog log;

    TestNotificationResource(NotifyConfig config, ReceiverRegistry registry, DeliveryLog log) {
        this.config = config;
        this.registry = registry;
        this.log = log;
    }

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public Response send(@PathParam("name") String name, @HeaderParam("Authorization") String authorization) throws SQLException {
        if (config.adminToken().isEmpty()) {
            return error(403, "admin endpoints are disabled: no vigil.notify.admin-token is configured");
        }
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return error(401, "an admin bearer token is required");
        }
        if (!MessageDigest.isEqual(authorization.substring(7).getBytes(StandardCharsets.UTF_8),
                config.adminToken().get().getBytes(StandardCharsets.UTF_8))) {
            return error(403, "this token may not send test notifications");
        }
        ReceiverRegistry.Receiver receiver = registry.get(name);
        if (receiver == null) {
            return error(404, "no receiver named \"" + name + "\"");
        }
        Instant now = Instant.now();
        Map<String, String> labels = Map.of("alertname", "VigilTestNotification", "severity", "info");
        Notification n = new Notification("test-" + UUID.randomUUID(), name, Notification.FIRING, "test:" + name,
                Map.of("alertname", "VigilTestNotification"), labels,
                Map.of("summary", "Test notification from Vigil; no action needed"), null,
                List.of(new Alert(Notification.FIRING, labels, Map.of("summary", "Test notification from Vigil"), now, null, null,
                        "test")), now);
        long start = System.nanoTime();
        Attempt a = receiver.channel().deliver(n);
        long latency = (System.nanoTime() - start) / 1_000_000;
        String outcome = switch (a.outcome()) {
            case DELIVERED -> "delivered";
            case REJECTED -> "rejected";
            case RETRY -> "retry";
        };
        log.record(n.id(), name, receiver.channel().type(), outcome, a.statusCode(), latency, a.detail(), null);
        return Response.ok(Map.of("status", "success", "data", Map.of("notificationId", n.id(), "outcome", outcome,
                "statusCode", a.statusCode(), "latencyMs", latency, "detail", a.detail() == null ? "" : a.detail()))).build();
    }

    private static Response error(int status, String message) {
        return Response.status(status).entity(Map.of("status", "error", "error", message)).build();
    }
}

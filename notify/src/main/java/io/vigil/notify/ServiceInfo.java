package io.vigil.notify;

import io.vigil.notify.receivers.ReceiverRegistry;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/** {@code GET /api/v1/status}: what this service is and what it does yet. */
@Path("/api/v1/status")
public class ServiceInfo {
    private final ReceiverRegistry receivers;

    ServiceInfo(ReceiverRegistry receivers) {
        this.receivers = receivers;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> status() {
        Map<String, String> byName = new java.util.TreeMap<>();
        receivers.all().forEach((name, r) -> byName.put(name, r.channel().type()));
        return Map.of("service", "vigil-notify", "receivers", byName);
    }
}

package io.vigil.alerting;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/** {@code GET /api/v1/status}: what this service is and what it does yet. */
@Path("/api/v1/status")
public class ServiceInfo {
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> status() {
        return Map.of("service", "vigil-alerting", "rulesLoaded", 0,
                "note", "rule evaluation is not implemented yet; this instance only reports health");
    }
}

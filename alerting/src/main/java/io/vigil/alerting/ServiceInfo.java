package io.vigil.alerting;

import io.vigil.alerting.auth.Open;
import io.vigil.alerting.ha.ReplicaIdentity;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/** {@code GET /api/v1/status}: what this service is and which replica answers. */
@Open
@Path("/api/v1/status")
public class ServiceInfo {
    private final ReplicaIdentity replica;

    ServiceInfo(ReplicaIdentity replica) {
        this.replica = replica;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> status() {
        return Map.of("service", "vigil-alerting", "replica", replica.id());
    }
}

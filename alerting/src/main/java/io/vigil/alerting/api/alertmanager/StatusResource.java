package io.vigil.alerting.api.alertmanager;

import io.vigil.alerting.auth.Requires;
import io.vigil.alerting.auth.Role;
import io.vigil.alerting.manager.routing.RoutingHolder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.List;

/** Alertmanager API v2: {@code /api/v2/status} and {@code /api/v2/receivers}. */
@Path("/api/v2")
@Produces(MediaType.APPLICATION_JSON)
public class StatusResource {
    /** The Alertmanager API version we answer as (clients such as Grafana look at it). */
    static final String COMPATIBLE_VERSION = "0.25.0";

    private final RoutingHolder routing;

    StatusResource(RoutingHolder routing) {
        this.routing = routing;
    }

    @GET
    @Path("/status")
    @Requires(Role.READER)
    public AmJson.Status status() {
        Instant started = Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime());
        // One logical Alertmanager: replicas share state through the database, so no gossip peers.
        return new AmJson.Status(new AmJson.Cluster("vigil", "ready", List.of()),
                new AmJson.VersionInfo(COMPATIBLE_VERSION, "vigil", "main", "vigil", "", "java" + Runtime.version().feature()),
                new AmJson.Config(routing.current().original()), started);
    }

    @GET
    @Path("/receivers")
    @Requires(Role.READER)
    public List<AmJson.Receiver> receivers() {
        return routing.current().receivers().stream().map(AmJson.Receiver::new).toList();
    }
}

package io.vigil.ingest.gateway.influx;

import io.vigil.ingest.gateway.GatewayConfig;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What InfluxDB clients ask besides writing: {@code /ping} (1.x clients probe it before writing),
 * {@code /health} (2.x), and {@code /query} only for the {@code CREATE DATABASE} that Telegraf and
 * Micrometer send at start-up, which is accepted and does nothing (there are no databases to create).
 * None of them needs a token, as in InfluxDB; none tells anything about the stored data.
 */
@Path("/")
public class InfluxProbeResource {
    /** Clients read a version from /ping; this says which API is spoken and who speaks it. */
    static final String VERSION = "1.8-compatible (vigil)";

    private final GatewayConfig gateway;

    InfluxProbeResource(GatewayConfig gateway) {
        this.gateway = gateway;
    }

    @GET
    @Path("ping")
    public Response ping() {
        return Response.noContent().header("X-Influxdb-Version", VERSION).header("X-Influxdb-Build", "OSS").build();
    }

    @HEAD
    @Path("ping")
    public Response pingHead() {
        return ping();
    }

    /** 200 "pass" while this instance accepts writes; Kafka's health is in /q/health/ready. */
    @GET
    @Path("health")
    @Produces(MediaType.APPLICATION_JSON)
    public Response health() {
        boolean writes = gateway.enabled();
        return Response.status(writes ? 200 : 503).entity(Map.of("name", "vigil-ingest", "status", writes ? "pass" : "fail",
                "message", writes ? "ready for writes" : "the gateway role is disabled on this ingest instance",
                "checks", List.of(), "version", VERSION)).build();
    }

    @GET
    @Path("query")
    @Produces(MediaType.APPLICATION_JSON)
    public Response queryGet(@QueryParam("q") String q) {
        return query(q);
    }

    @POST
    @Path("query")
    @Produces(MediaType.APPLICATION_JSON)
    public Response query(@QueryParam("q") String q) {
        String statement = q == null ? "" : q.strip().toUpperCase(Locale.ROOT);
        if (statement.startsWith("CREATE DATABASE ")) {
            return Response.ok(Map.of("results", List.of(Map.of("statement_id", 0)))).build();
        }
        return Response.status(400).entity(Map.of("error", "only CREATE DATABASE is accepted here (and ignored): Vigil "
                + "takes InfluxDB writes, and is queried with PromQL on the query service")).build();
    }
}

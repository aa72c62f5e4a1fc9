package io.vigil.query.api.prometheus;

import io.vigil.query.promql.QueryLimitsConfig;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * {@code /api/v1/status/buildinfo} and {@code /api/v1/status/runtimeinfo}: Grafana reads the first to
 * learn what it talks to. Fields Prometheus fills from Go have the closest JVM fact or are empty.
 */
@Path("/api/v1/status")
@Produces(MediaType.APPLICATION_JSON)
public class StatusResource {
    private final String version;
    private final QueryLimitsConfig limits;

    StatusResource(@ConfigProperty(name = "quarkus.application.version", defaultValue = "unknown") String version,
            QueryLimitsConfig limits) {
        this.version = version;
        this.limits = limits;
    }

    @GET
    @Path("/buildinfo")
    public Response buildinfo() {
        return PromJson.success(List.of(), g -> {
            g.writeStartObject();
            g.writeStringField("version", version);
            g.writeStringField("revision", "");
            g.writeStringField("branch", "");
            g.writeStringField("buildUser", "");
            g.writeStringField("buildDate", "");
            g.writeStringField("goVersion", "java" + Runtime.version().feature());
            g.writeEndObject();
        });
    }

    @GET
    @Path("/runtimeinfo")
    public Response runtimeinfo() {
        var runtime = ManagementFactory.getRuntimeMXBean();
        return PromJson.success(List.of(), g -> {
            g.writeStartObject();
            g.writeStringField("startTime", Instant.ofEpochMilli(runtime.getStartTime()).toString());
            g.writeStringField("CWD", System.getProperty("user.dir"));
            g.writeBooleanField("reloadConfigSuccess", true);
            g.writeStringField("lastConfigTime", Instant.ofEpochMilli(runtime.getStartTime()).toString());
            g.writeNumberField("corruptionCount", 0);
            g.writeNumberField("goroutineCount", Thread.activeCount());
            g.writeNumberField("GOMAXPROCS", Runtime.getRuntime().availableProcessors());
            g.writeStringField("GOGC", "");
            g.writeStringField("GODEBUG", "");
            g.writeStringField("storageRetention", "365d (1h tier), 30d (1m tier), 7d (raw)");
            g.writeStringField("queryTimeout", limits.timeout().toString());
            g.writeEndObject();
        });
    }
}

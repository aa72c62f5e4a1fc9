package io.vigil.query.api.range;

import io.vigil.query.range.BadRequestException;
import io.vigil.query.range.LimitExceededException;
import io.vigil.query.range.RangeEngine;
import io.vigil.query.promql.QueryLimitsConfig;
import io.vigil.query.range.RangeRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import io.smallrye.common.annotation.Blocking;

/**
 * {@code GET /api/v1/range}: one metric, exact label matches, aggregated per step bucket.
 *
 * <pre>
 * /api/v1/range?metric=cpu.load&amp;match=env:prod&amp;start=1613700000&amp;end=1613707200&amp;step=60&amp;agg=avg&amp;by=region
 * </pre>
 *
 * Answers {@code {"status":"success","data":{...}}} (see {@link io.vigil.query.range.RangeResult}),
 * 400 with {@code errorType bad_data} for a malformed query, 422 for one over the limits, 503 when the
 * database is unavailable (the engine's errors leave through {@link io.vigil.query.api.prometheus.QueryErrors}).
 * Evaluated by the PromQL engine on a worker thread.
 */
@Path("/api/v1/range")
@Blocking
public class RangeResource {
    private final RangeEngine engine;
    private final QueryLimitsConfig limits;

    RangeResource(RangeEngine engine, QueryLimitsConfig limits) {
        this.engine = engine;
        this.limits = limits;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response range(@QueryParam("metric") String metric, @QueryParam("match") List<String> match,
            @QueryParam("start") String start, @QueryParam("end") String end, @QueryParam("step") String step,
            @QueryParam("agg") String agg, @QueryParam("by") List<String> by) {
        try {
            RangeRequest request = RangeRequest.parse(metric, match, start, end, step, agg, by,
                    limits.maxPointsPerSeries());
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", "success");
            body.put("data", engine.run(request));
            return Response.ok(body).build();
        } catch (BadRequestException e) {
            return error(400, "bad_data", e.getMessage());
        } catch (LimitExceededException e) {
            return error(422, "execution", e.getMessage());
        }
    }

    private static Response error(int status, String type, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "error");
        body.put("errorType", type);
        body.put("error", message);
        return Response.status(status).entity(body).build();
    }
}

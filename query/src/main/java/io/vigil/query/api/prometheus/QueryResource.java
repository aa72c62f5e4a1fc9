package io.vigil.query.api.prometheus;

import io.smallrye.common.annotation.Blocking;
import io.vigil.query.cache.CachedRangeQueries;
import io.vigil.query.promql.PromqlEngine;
import io.vigil.query.promql.QueryException;
import io.vigil.query.promql.QueryLimitsConfig;
import io.vigil.query.promql.QueryResult;
import io.vigil.query.promql.QueryValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code /api/v1/query} and {@code /api/v1/query_range}, GET or form POST, parameters and answers as
 * Prometheus has them. Queries are evaluated on a worker thread (JDBC blocks); the answer is streamed.
 */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class QueryResource {
    private final PromqlEngine engine;
    private final CachedRangeQueries cached;
    private final QueryLimitsConfig limits;

    QueryResource(PromqlEngine engine, CachedRangeQueries cached, QueryLimitsConfig limits) {
        this.engine = engine;
        this.cached = cached;
        this.limits = limits;
    }

    @GET
    @Path("/query")
    public Response instantGet(@Context UriInfo uri) {
        return instant(ApiParams.of(uri, null));
    }

    @POST
    @Path("/query")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response instantPost(@Context UriInfo uri, MultivaluedMap<String, String> form) {
        return instant(ApiParams.of(uri, form));
    }

    @GET
    @Path("/query_range")
    public Response rangeGet(@Context UriInfo uri, @Context HttpHeaders headers) {
        return range(ApiParams.of(uri, null), noCache(headers));
    }

    @POST
    @Path("/query_range")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response rangePost(@Context UriInfo uri, @Context HttpHeaders headers, MultivaluedMap<String, String> form) {
        return range(ApiParams.of(uri, form), noCache(headers));
    }

    /** {@code Cache-Control: no-cache} asks for an answer computed from storage, as HTTP caches honour it. */
    public static boolean noCache(HttpHeaders headers) {
        List<String> values = headers.getRequestHeader(HttpHeaders.CACHE_CONTROL);
        return values != null && values.stream().anyMatch(v -> v.toLowerCase(Locale.ROOT).contains("no-cache"));
    }

    private Response instant(ApiParams p) {
        int limit = p.limit();
        long time = p.time("time", System.currentTimeMillis());
        var queryLimits = limits.forTimeout(p.timeout());
        String query = p.query(limits.maxQueryLength());
        QueryResult result = evaluate(() -> engine.instant(query, time, queryLimits));
        return answer(result, limit);
    }

    private Response range(ApiParams p, boolean noCache) {
        int limit = p.limit();
        long start = p.time("start");
        long end = p.time("end");
        if (end < start) {
            throw new QueryException(QueryException.Kind.BAD_DATA, "end timestamp must not be before start time");
        }
        long step = p.duration("step");
        if (step <= 0) {
            throw new QueryException(QueryException.Kind.BAD_DATA,
                    "zero or negative query resolution step widths are not accepted. Try a positive integer");
        }
        if ((end - start) / step > limits.maxPointsPerSeries()) {
            throw new QueryException(QueryException.Kind.BAD_DATA, "exceeded maximum resolution of "
                    + NumberFormat.getIntegerInstance(Locale.US).format(limits.maxPointsPerSeries())
                    + " points per timeseries. Try decreasing the query resolution (?step=XX)");
        }
        var queryLimits = limits.forTimeout(p.timeout());
        String query = p.query(limits.maxQueryLength());
        QueryResult result = evaluate(() -> cached.range(engine, query, start, end, step, queryLimits, noCache));
        return answer(result, limit);
    }

    /**
     * Runs the engine; its parse errors name the query parameter, as Prometheus' do, and anything
     * unexpected becomes an {@code internal} error instead of a bare 500 page.
     */
    public static QueryResult evaluate(java.util.function.Supplier<QueryResult> run) {
        try {
            return run.get();
        } catch (QueryException e) {
            if (e.kind() == QueryException.Kind.BAD_DATA && !e.getMessage().startsWith("invalid parameter")) {
                throw ApiParams.invalid("query", e.getMessage());
            }
            throw e;
        } catch (RuntimeException e) {
            throw new QueryException(QueryException.Kind.INTERNAL, "internal error: " + e, e);
        }
    }

    /** The answer, cut to {@code limit} series (0: all) with a warning when cut. */
    private static Response answer(QueryResult result, int limit) {
        QueryValue value = result.value();
        List<String> warnings = new ArrayList<>(result.warnings());
        if (limit > 0 && value instanceof QueryValue.Vector v && v.samples().size() > limit) {
            value = new QueryValue.Vector(v.samples().subList(0, limit));
            warnings.add("results truncated due to limit");
        } else if (limit > 0 && value instanceof QueryValue.Matrix m && m.series().size() > limit) {
            value = new QueryValue.Matrix(m.series().subList(0, limit));
            warnings.add("results truncated due to limit");
        }
        QueryValue out = value;
        return PromJson.success(warnings, g -> PromJson.writeQueryData(g, out));
    }
}

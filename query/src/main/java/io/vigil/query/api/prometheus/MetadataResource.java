package io.vigil.query.api.prometheus;

import io.smallrye.common.annotation.Blocking;
import io.vigil.promql.ast.LabelMatcher;
import io.vigil.query.promql.LabelSet;
import io.vigil.query.promql.QueryException;
import io.vigil.query.promql.QueryLimitsConfig;
import io.vigil.query.storage.MetricMetadata;
import io.vigil.query.storage.SeriesMetadata;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.regex.Pattern;

/**
 * {@code /api/v1/series}, {@code /api/v1/labels}, {@code /api/v1/label/<name>/values} and {@code
 * /api/v1/metadata}, from the series catalogue. {@code start}/{@code end} default to all time; {@code
 * limit} (and at most {@code vigil.query.limits.max-series}) cuts the answer with a warning.
 */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class MetadataResource {
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    static final String TRUNCATED = "results truncated due to limit";

    private final SeriesMetadata metadata;
    private final QueryLimitsConfig limits;

    MetadataResource(SeriesMetadata metadata, QueryLimitsConfig limits) {
        this.metadata = metadata;
        this.limits = limits;
    }

    @GET
    @Path("/series")
    public Response seriesGet(@Context UriInfo uri) {
        return series(ApiParams.of(uri, null));
    }

    @POST
    @Path("/series")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response seriesPost(@Context UriInfo uri, MultivaluedMap<String, String> form) {
        return series(ApiParams.of(uri, form));
    }

    @GET
    @Path("/labels")
    public Response labelsGet(@Context UriInfo uri) {
        return labels(ApiParams.of(uri, null));
    }

    @POST
    @Path("/labels")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response labelsPost(@Context UriInfo uri, MultivaluedMap<String, String> form) {
        return labels(ApiParams.of(uri, form));
    }

    @GET
    @Path("/label/{name}/values")
    public Response values(@PathParam("name") String name, @Context UriInfo uri) {
        if (!LABEL_NAME.matcher(name).matches()) {
            throw new QueryException(QueryException.Kind.BAD_DATA, "invalid label name: " + PromTime.quote(name));
        }
        Window w = window(ApiParams.of(uri, null));
        return strings(w, n -> metadata.labelValues(name, w.selectors, w.start, w.end, n));
    }

    /** Every known metric (or {@code metric}) with type unknown: no HELP/TYPE is stored. */
    @GET
    @Path("/metadata")
    public Response metadata(@Context UriInfo uri) {
        ApiParams p = ApiParams.of(uri, null);
        int requested = p.limit();
        String metric = p.first("metric");
        Map<String, List<MetricMetadata>> found = metadata.metadata(metric == null || metric.isEmpty() ? null : metric,
                requested == 0 || requested > limits.maxSeries() ? limits.maxSeries() : requested);
        return PromJson.success(List.of(), g -> {
            g.writeStartObject();
            for (Map.Entry<String, List<MetricMetadata>> e : found.entrySet()) {
                g.writeArrayFieldStart(e.getKey());
                for (MetricMetadata m : e.getValue()) {
                    g.writeStartObject();
                    g.writeStringField("type", m.type());
                    g.writeStringField("help", m.help());
                    g.writeStringField("unit", m.unit());
                    g.writeEndObject();
                }
                g.writeEndArray();
            }
            g.writeEndObject();
        });
    }

    private Response series(ApiParams p) {
        if (p.all("match[]").isEmpty()) {
            throw new QueryException(QueryException.Kind.BAD_DATA, "no match[] parameter provided");
        }
        Window w = window(p);
        List<LabelSet> found = metadata.series(w.selectors, w.start, w.end, w.fetch());
        List<LabelSet> shown = found.size() > w.limit ? found.subList(0, w.limit) : found;
        return PromJson.success(w.warnings(found.size()), g -> {
            g.writeStartArray();
            for (LabelSet s : shown) {
                PromJson.writeLabels(g, s);
            }
            g.writeEndArray();
        });
    }

    private Response labels(ApiParams p) {
        Window w = window(p);
        return strings(w, n -> metadata.labelNames(w.selectors, w.start, w.end, n));
    }

    private static Response strings(Window w, IntFunction<List<String>> lookup) {
        List<String> found = lookup.apply(w.fetch());
        List<String> shown = found.size() > w.limit ? found.subList(0, w.limit) : found;
        return PromJson.success(w.warnings(found.size()), g -> PromJson.writeStrings(g, shown));
    }

    private Window window(ApiParams p) {
        int requested = p.limit();
        long start = p.time("start", PromTime.MIN_MILLIS);
        long end = p.time("end", PromTime.MAX_MILLIS);
        if (end < start) {
            throw new QueryException(QueryException.Kind.BAD_DATA, "end timestamp must not be before start time");
        }
        List<List<LabelMatcher>> selectors = Selectors.parse(p.all("match[]"), limits.maxQueryLength());
        int limit = requested == 0 || requested > limits.maxSeries() ? limits.maxSeries() : requested;
        return new Window(selectors, start, end, limit);
    }

    /** What a metadata request asks for; one more entry than the limit is fetched to know about a cut. */
    private record Window(List<List<LabelMatcher>> selectors, long start, long end, int limit) {
        int fetch() {
            return limit + 1;
        }

        List<String> warnings(int found) {
            return found > limit ? List.of(TRUNCATED) : List.of();
        }
    }
}

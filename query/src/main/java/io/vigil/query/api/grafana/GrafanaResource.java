package io.vigil.query.api.grafana;

import io.smallrye.common.annotation.Blocking;
import io.vigil.promql.ast.LabelMatcher;
import io.vigil.query.api.prometheus.ApiParams;
import io.vigil.query.api.prometheus.PromTime;
import io.vigil.query.api.prometheus.Selectors;
import io.vigil.query.promql.QueryException;
import io.vigil.query.promql.QueryLimitsConfig;
import io.vigil.query.storage.SeriesMetadata;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The simpod JSON datasource's discovery endpoints under {@code /grafana}: health, the metric list
 * (with a {@code format} payload choosing time series or table), variables, and the ad hoc filter keys
 * and values. A variable is {@code label_values(<label>)} or {@code label_values(<selector>, <label>)},
 * as in Grafana's Prometheus datasource, or {@code metrics()} for the metric names.
 */
@Path("/grafana")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class GrafanaResource {
    private static final Pattern LABEL_VALUES = Pattern.compile(
            "\\s*label_values\\(\\s*(?:(.+?)\\s*,\\s*)?([a-zA-Z_][a-zA-Z0-9_]*)\\s*\\)\\s*", Pattern.DOTALL);
    private static final Pattern METRICS = Pattern.compile("\\s*metrics\\(\\s*\\)\\s*");
    private static final List<Map<String, String>> FORMATS = List.of(Map.of("label", "Time series", "value", "time_series"),
            Map.of("label", "Table", "value", "table"));

    /** One option of a variable, in the field order Grafana documents. */
    record VariableValue(String __text, String __value) {
    }

    record TagKey(String type, String text) {
    }

    record TagValue(String text) {
    }

    private final SeriesMetadata metadata;
    private final QueryLimitsConfig limits;

    GrafanaResource(SeriesMetadata metadata, QueryLimitsConfig limits) {
        this.metadata = metadata;
        this.limits = limits;
    }

    /** Grafana's "Save &amp; test". */
    @GET
    public Map<String, String> health() {
        return Map.of("status", "ok");
    }

    /** Metric names for the builder; each offers the {@code format} payload. */
    @POST
    @Path("/metrics")
    @Consumes(MediaType.WILDCARD)
    public List<Map<String, Object>> metrics() {
        Map<String, Object> format = Map.of("name", "format", "label", "Format", "type", "select", "options", FORMATS);
        List<Map<String, Object>> out = new ArrayList<>();
        for (String name : names()) {
            out.add(Map.of("label", name, "value", name, "payloads", List.of(format)));
        }
        return out;
    }

    @POST
    @Path("/metric-payload-options")
    @Consumes(MediaType.APPLICATION_JSON)
    public List<Map<String, String>> payloadOptions(GrafanaRequests.PayloadOptions request) {
        return request != null && "format".equals(request.name()) ? FORMATS : List.of();
    }

    @POST
    @Path("/variable")
    @Consumes(MediaType.APPLICATION_JSON)
    public List<VariableValue> variable(GrafanaRequests.Variable request) {
        String target = request == null ? null : request.target();
        if (target == null || target.isBlank()) {
            throw ApiParams.invalid("payload.target", "empty; use label_values(<label>), "
                    + "label_values(<selector>, <label>) or metrics()");
        }
        if (target.length() > limits.maxQueryLength()) {
            throw ApiParams.invalid("payload.target", "longer than " + limits.maxQueryLength() + " characters");
        }
        long from = request.range() == null ? PromTime.MIN_MILLIS : instant(request.range().from(), PromTime.MIN_MILLIS);
        long to = request.range() == null ? PromTime.MAX_MILLIS : instant(request.range().to(), PromTime.MAX_MILLIS);
        List<String> values;
        Matcher m = LABEL_VALUES.matcher(target);
        if (m.matches()) {
            List<List<LabelMatcher>> selectors = m.group(1) == null ? List.of()
                    : Selectors.parse(List.of(m.group(1)), limits.maxQueryLength());
            values = metadata.labelValues(m.group(2), selectors, from, to, limits.maxSeries());
        } else if (METRICS.matcher(target).matches()) {
            values = metadata.labelValues(LabelMatcher.METRIC_NAME, List.of(), from, to, limits.maxSeries());
        } else {
            throw new QueryException(QueryException.Kind.BAD_DATA, "variable query \"" + abbreviate(target)
                    + "\" is not label_values(<label>), label_values(<selector>, <label>) or metrics()");
        }
        List<VariableValue> out = new ArrayList<>(values.size());
        for (String v : values) {
            out.add(new VariableValue(v, v));
        }
        return out;
    }

    @POST
    @Path("/tag-keys")
    @Consumes(MediaType.WILDCARD)
    public List<TagKey> tagKeys() {
        List<TagKey> out = new ArrayList<>();
        for (String key : metadata.labelNames(List.of(), PromTime.MIN_MILLIS, PromTime.MAX_MILLIS, limits.maxSeries())) {
            out.add(new TagKey("string", key));
        }
        return out;
    }

    @POST
    @Path("/tag-values")
    @Consumes(MediaType.APPLICATION_JSON)
    public List<TagValue> tagValues(GrafanaRequests.TagValues request) {
        if (request == null || request.key() == null || !request.key().matches("[a-zA-Z_][a-zA-Z0-9_]*")) {
            throw ApiParams.invalid("key", "a label name is required, e.g. {\"key\": \"pool\"}");
        }
        List<TagValue> out = new ArrayList<>();
        for (String v : metadata.labelValues(request.key(), List.of(), PromTime.MIN_MILLIS, PromTime.MAX_MILLIS,
                limits.maxSeries())) {
            out.add(new TagValue(v));
        }
        return out;
    }

    private List<String> names() {
        return metadata.labelValues(LabelMatcher.METRIC_NAME, List.of(), PromTime.MIN_MILLIS, PromTime.MAX_MILLIS,
                limits.maxSeries());
    }

    private static long instant(String text, long fallback) {
        if (text == null) {
            return fallback;
        }
        try {
            return Instant.parse(text).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw ApiParams.invalid("range", "\"" + abbreviate(text) + "\" is not an ISO-8601 instant");
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 100 ? s.substring(0, 100) + "..." : s;
    }
}

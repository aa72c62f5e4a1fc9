package io.vigil.query.api.grafana;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.smallrye.common.annotation.Blocking;
import io.vigil.query.api.prometheus.ApiParams;
import io.vigil.query.api.prometheus.QueryResource;
import io.vigil.query.promql.LabelSet;
import io.vigil.query.cache.CachedRangeQueries;
import io.vigil.query.promql.PromqlEngine;
import io.vigil.query.promql.QueryException;
import io.vigil.query.promql.QueryLimitsConfig;
import io.vigil.query.promql.QueryValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * {@code POST /grafana/query} of the simpod JSON datasource: every target is PromQL. A time series
 * target is evaluated over the panel's range at {@code max(intervalMs, range / maxDataPoints)} and
 * answered as {@code {"target":"up{job=\"api\"}","datapoints":[[value, ms], ...]}} per series; a table
 * target ({@code format: table}) is evaluated at the range end and answered as one table with a Time
 * column, one column per label and a Value column. Non-finite values are sent as null.
 */
@Path("/grafana/query")
@Blocking
public class GrafanaQueryResource {
    /** More targets than a panel has; bounds the work of one request. */
    static final int MAX_TARGETS = 26;
    private static final JsonFactory JSON = new JsonFactory();

    private final PromqlEngine engine;
    private final CachedRangeQueries cached;
    private final QueryLimitsConfig limits;

    GrafanaQueryResource(PromqlEngine engine, CachedRangeQueries cached, QueryLimitsConfig limits) {
        this.engine = engine;
        this.cached = cached;
        this.limits = limits;
    }

    private record Answer(GrafanaRequests.Target target, QueryValue value) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response query(GrafanaRequests.Query q) {
        if (q == null || q.range() == null) {
            throw ApiParams.invalid("range", "the request has no range {from, to}");
        }
        long from = instant("range.from", q.range().from());
        long to = instant("range.to", q.range().to());
        if (to < from) {
            throw new QueryException(QueryException.Kind.BAD_DATA, "range.to must not be before range.from");
        }
        List<GrafanaRequests.Target> targets = q.targets() == null ? List.of() : q.targets();
        if (targets.size() > MAX_TARGETS) {
            throw ApiParams.invalid("targets", targets.size() + " targets, more than the limit of " + MAX_TARGETS);
        }
        AdhocFilters filters = AdhocFilters.of(q.adhocFilters());
        long step = step(from, to, q.intervalMs(), q.maxDataPoints());
        // Aligned to the step, as Grafana aligns Prometheus queries: successive refreshes then share
        // the cached blocks instead of each asking for points at new offsets.
        long alignedFrom = Math.floorDiv(from, step) * step;
        var queryLimits = limits.forTimeout(null);
        List<Answer> answers = new ArrayList<>();
        for (GrafanaRequests.Target t : targets) {
            if (Boolean.TRUE.equals(t.hide()) || t.target() == null || t.target().isBlank()) {
                continue;
            }
            if (t.target().length() > limits.maxQueryLength()) {
                throw ApiParams.invalid("target", "a target of " + t.target().length()
                        + " characters, more than the limit of " + limits.maxQueryLength());
            }
            QueryValue v = t.table()
                    ? QueryResource.evaluate(() -> engine.instant(t.target(), to, queryLimits)).value()
                    : QueryResource.evaluate(() -> cached.range(engine, t.target(), alignedFrom, to, step, queryLimits,
                            false)).value();
            answers.add(new Answer(t, v));
        }
        StreamingOutput body = out -> {
            try (JsonGenerator g = JSON.createGenerator(out)) {
                g.writeStartArray();
                for (Answer a : answers) {
                    if (a.target().table()) {
                        writeTable(g, a.value(), filters);
                    } else {
                        writeSeries(g, a.value(), filters);
                    }
                }
                g.writeEndArray();
            }
        };
        return Response.ok(body, MediaType.APPLICATION_JSON_TYPE).build();
    }

    /** Grafana's interval, widened so the range has at most maxDataPoints and the points limit. */
    private long step(long from, long to, Long intervalMs, Long maxDataPoints) {
        long span = to - from;
        long step = Math.max(1, intervalMs == null ? 0 : intervalMs);
        if (maxDataPoints != null && maxDataPoints > 0) {
            step = Math.max(step, ceilDiv(span, maxDataPoints));
        }
        return Math.max(step, ceilDiv(span, limits.maxPointsPerSeries()));
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }

    private static long instant(String name, String text) {
        try {
            return Instant.parse(text).toEpochMilli();
        } catch (DateTimeParseException | NullPointerException e) {
            throw ApiParams.invalid(name, "\"" + text + "\" is not an ISO-8601 instant such as 2024-05-01T10:00:00Z");
        }
    }

    private static void writeSeries(JsonGenerator g, QueryValue value, AdhocFilters filters) throws IOException {
        switch (value) {
            case QueryValue.Matrix m -> {
                for (QueryValue.Series s : m.series()) {
                    if (filters.keeps(s.labels())) {
                        g.writeStartObject();
                        g.writeStringField("target", s.labels().toString());
                        g.writeArrayFieldStart("datapoints");
                        for (int i = 0; i < s.size(); i++) {
                            g.writeStartArray();
                            writeValue(g, s.values()[i]);
                            g.writeNumber(s.times()[i]);
                            g.writeEndArray();
                        }
                        g.writeEndArray();
                        g.writeEndObject();
                    }
                }
            }
            default -> throw new IllegalStateException("range query answered " + value.type());
        }
    }

    private static void writeTable(JsonGenerator g, QueryValue value, AdhocFilters filters) throws IOException {
        List<QueryValue.Sample> rows = new ArrayList<>();
        switch (value) {
            case QueryValue.Vector v -> v.samples().stream().filter(s -> filters.keeps(s.labels())).forEach(rows::add);
            case QueryValue.Scalar s -> rows.add(new QueryValue.Sample(LabelSet.EMPTY, s.timeMillis(), s.value()));
            default -> throw new QueryException(QueryException.Kind.BAD_DATA,
                    "a table target must be an instant vector or scalar, not " + value.type());
        }
        TreeSet<String> columns = new TreeSet<>();
        rows.forEach(r -> {
            for (int i = 0; i < r.labels().size(); i++) {
                columns.add(r.labels().name(i));
            }
        });
        g.writeStartObject();
        g.writeStringField("type", "table");
        g.writeArrayFieldStart("columns");
        column(g, "Time", "time");
        for (String c : columns) {
            column(g, c, "string");
        }
        column(g, "Value", "number");
        g.writeEndArray();
        g.writeArrayFieldStart("rows");
        for (QueryValue.Sample r : rows) {
            g.writeStartArray();
            g.writeNumber(r.timeMillis());
            for (String c : columns) {
                String v = r.labels().get(c);
                g.writeString(v == null ? "" : v);
            }
            writeValue(g, r.value());
            g.writeEndArray();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void column(JsonGenerator g, String text, String type) throws IOException {
        g.writeStartObject();
        g.writeStringField("text", text);
        g.writeStringField("type", type);
        g.writeEndObject();
    }

    private static void writeValue(JsonGenerator g, double v) throws IOException {
        if (Double.isFinite(v)) {
            g.writeNumber(v);
        } else {
            g.writeNull();
        }
    }
}

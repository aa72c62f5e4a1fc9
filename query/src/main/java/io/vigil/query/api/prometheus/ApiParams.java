package io.vigil.query.api.prometheus;

import io.vigil.query.promql.QueryException;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The parameters of one API request, from the URL and, for a form POST, the body (body first, as Go's
 * {@code Request.FormValue} does). Typed getters refuse bad values with Prometheus' messages ({@code
 * invalid parameter "start": cannot parse "x" to a valid timestamp}) as {@code bad_data}. Unknown
 * parameters are ignored, as Prometheus does.
 */
public final class ApiParams {
    private final MultivaluedMap<String, String> form;
    private final MultivaluedMap<String, String> url;

    private ApiParams(MultivaluedMap<String, String> form, MultivaluedMap<String, String> url) {
        this.form = form;
        this.url = url;
    }

    public static ApiParams of(UriInfo uri, MultivaluedMap<String, String> form) {
        return new ApiParams(form, uri.getQueryParameters());
    }

    /** Parameters of a request that has only URL parameters (routes outside JAX-RS). */
    public static ApiParams ofUrl(MultivaluedMap<String, String> url) {
        return new ApiParams(null, url);
    }

    /** The first value, or null when absent. */
    public String first(String name) {
        String v = form == null ? null : form.getFirst(name);
        return v != null ? v : url.getFirst(name);
    }

    /** Every value of a repeatable parameter ({@code match[]}), body values first. */
    public List<String> all(String name) {
        List<String> out = new ArrayList<>();
        if (form != null && form.get(name) != null) {
            out.addAll(form.get(name));
        }
        if (url.get(name) != null) {
            out.addAll(url.get(name));
        }
        return out;
    }

    /** A required time ({@code start}, {@code end} of query_range). */
    public long time(String name) {
        try {
            return PromTime.parseTime(first(name));
        } catch (IllegalArgumentException e) {
            throw invalid(name, e.getMessage());
        }
    }

    /** An optional time, {@code fallback} when absent or empty. */
    public long time(String name, long fallback) {
        String v = first(name);
        return v == null || v.isEmpty() ? fallback : time(name);
    }

    public long duration(String name) {
        try {
            return PromTime.parseDuration(first(name));
        } catch (IllegalArgumentException e) {
            throw invalid(name, e.getMessage());
        }
    }

    /** The {@code timeout} parameter, or null when absent. */
    public Duration timeout() {
        String v = first("timeout");
        if (v == null || v.isEmpty()) {
            return null;
        }
        long millis = duration("timeout");
        if (millis <= 0) {
            throw invalid("timeout", "timeout must be positive");
        }
        return Duration.ofMillis(millis);
    }

    /** The {@code limit} parameter: 0 (no limit) when absent. */
    public int limit() {
        String v = first("limit");
        if (v == null || v.isEmpty()) {
            return 0;
        }
        int limit;
        try {
            limit = Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw invalid("limit", "cannot parse " + PromTime.quote(v) + " to a valid limit");
        }
        if (limit < 0) {
            throw invalid("limit", "limit must be non-negative");
        }
        return limit;
    }

    /** The PromQL text of {@code query}, refused when missing or longer than {@code maxLength}. */
    public String query(int maxLength) {
        String q = first("query");
        if (q == null || q.isBlank()) {
            throw invalid("query", "1:1: parse error: no expression found in input");
        }
        if (q.length() > maxLength) {
            throw invalid("query", "the query is " + q.length() + " characters long, more than the limit of " + maxLength);
        }
        return q;
    }

    public static QueryException invalid(String name, String reason) {
        return new QueryException(QueryException.Kind.BAD_DATA, "invalid parameter \"" + name + "\": " + reason);
    }
}

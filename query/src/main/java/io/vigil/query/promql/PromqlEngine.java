package io.vigil.query.promql;

import io.vigil.promql.ast.Expr;
import io.vigil.query.promql.engine.QueryRunner;

/**
 * Answers PromQL queries with Prometheus semantics over a {@link SeriesSource}.
 *
 * <pre>{@code
 * PromqlEngine engine = new PromqlEngine(source);
 * QueryResult now = engine.instant("sum by (job) (rate(http_requests_total[5m]))", nowMillis, QueryLimits.DEFAULT);
 * QueryResult day = engine.range("up", startMillis, endMillis, 60_000, QueryLimits.DEFAULT);
 * }</pre>
 *
 * Errors are {@link QueryException}s carrying the Prometheus error kind: a malformed query is
 * {@code BAD_DATA}, a limit hit or an invalid operation (many-to-many matching) {@code EXECUTION}.
 */
public final class PromqlEngine {
    private final SeriesSource source;

    public PromqlEngine(SeriesSource source) {
        this.source = source;
    }

    /** Evaluates {@code query} at one instant; the value may be a scalar, string, vector or matrix. */
    public QueryResult instant(String query, long timeMillis, QueryLimits limits) {
        return QueryRunner.instant(source, parse(query), timeMillis, limits);
    }

    /**
     * Evaluates {@code query} at every step from start to end (inclusive); the value is always a matrix,
     * a scalar becoming one series without labels. Range vectors and strings are refused.
     */
    public QueryResult range(String query, long startMillis, long endMillis, long stepMillis, QueryLimits limits) {
        return QueryRunner.range(source, parse(query), startMillis, endMillis, stepMillis, limits);
    }

    /** Parses a query; syntax errors become {@code BAD_DATA} with the parser's message. */
    public Expr parse(String query) {
        return ParserBridge.parse(query);
    }
}

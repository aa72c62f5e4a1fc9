package io.vigil.query.api.live;

import io.quarkus.runtime.ShutdownEvent;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vigil.query.api.prometheus.ApiParams;
import io.vigil.query.api.prometheus.PromJson;
import io.vigil.query.api.prometheus.QueryResource;
import io.vigil.query.promql.PromqlEngine;
import io.vigil.query.promql.QueryException;
import io.vigil.query.promql.QueryLimitsConfig;
import io.vigil.query.promql.QueryValue;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.core.MultivaluedHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code GET /api/v1/live?query=<promql>&step=<duration>&lookback=<duration>}: server-sent events. The
 * first {@code points} event holds the matrix of the last {@code lookback} (steps aligned to multiples
 * of {@code step}), then every step one event with the new points; {@code : heartbeat} comments keep
 * the connection alive. At most {@code vigil.query.live.max-streams} streams are open; one more is
 * answered 503 ({@code unavailable}). Parameter errors are answered like the query API's, before the
 * stream starts. A plain Vert.x route: JAX-RS would not tell us when the client goes away.
 */
@ApplicationScoped
public class LiveStreams {
    private final PromqlEngine engine;
    private final QueryLimitsConfig limits;
    private final LiveConfig config;
    private final AtomicInteger open = new AtomicInteger();
    private final ScheduledThreadPoolExecutor executor;

    LiveStreams(PromqlEngine engine, QueryLimitsConfig limits, LiveConfig config) {
        this.engine = engine;
        this.limits = limits;
        this.config = config;
        this.executor = new ScheduledThreadPoolExecutor(config.threads(), r -> {
            Thread t = new Thread(r, "vigil-live");
            t.setDaemon(true);
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
    }

    void route(@Observes Router router) {
        router.get("/api/v1/live").handler(this::open);
    }

    void stop(@Observes ShutdownEvent event) {
        executor.shutdownNow();
    }

    /** Streams open now. */
    public int openStreams() {
        return open.get();
    }

    private void open(RoutingContext ctx) {
        if (open.incrementAndGet() > config.maxStreams()) {
            open.decrementAndGet();
            fail(ctx, new QueryException(QueryException.Kind.UNAVAILABLE, "too many live streams open (limit "
                    + config.maxStreams() + "); try again later"));
            return;
        }
        Context context = Vertx.currentContext();
        executor.execute(() -> {
            try {
                start(ctx, context);
            } catch (QueryException e) {
                open.decrementAndGet();
                context.runOnContext(v -> fail(ctx, e));
            } catch (RuntimeException e) {
                open.decrementAndGet();
                context.runOnContext(v -> fail(ctx, new QueryException(QueryException.Kind.INTERNAL, e.toString(), e)));
            }
        });
    }

    /** Parses the request and evaluates the first window on a worker thread; then the stream runs. */
    private void start(RoutingContext ctx, Context context) {
        MultivaluedHashMap<String, String> url = new MultivaluedHashMap<>();
        ctx.queryParams().forEach(e -> url.add(e.getKey(), e.getValue()));
        ApiParams p = ApiParams.ofUrl(url);
        String query = p.query(limits.maxQueryLength());
        long step = p.first("step") == null ? config.minStep().toMillis() : p.duration("step");
        if (step < config.minStep().toMillis()) {
            throw ApiParams.invalid("step", "must be at least " + config.minStep().toMillis() + " ms");
        }
        long lookback = p.first("lookback") == null ? config.defaultLookback().toMillis() : p.duration("lookback");
        if (lookback < 0 || lookback / step > limits.maxPointsPerSeries()) {
            throw ApiParams.invalid("lookback", "must be between 0 and " + limits.maxPointsPerSeries() + " steps");
        }
        var queryLimits = limits.forTimeout(p.timeout());
        LiveStream.Evaluator evaluator = (from, to) -> QueryResource.evaluate(
                () -> engine.range(query, from, to, step, queryLimits)).value();
        long end = LiveStream.alignedEnd(System.currentTimeMillis(), step);
        QueryValue first = evaluator.range(end - Math.floorDiv(lookback, step) * step, end);
        LiveStream stream = new LiveStream(ctx.response(), context, evaluator, step, end, open::decrementAndGet);
        context.runOnContext(v -> {
            HttpServerResponse r = ctx.response();
            if (r.closed()) {
                stream.close();
                return;
            }
            r.setChunked(true).putHeader("Content-Type", "text/event-stream; charset=utf-8")
                    .putHeader("Cache-Control", "no-cache").putHeader("X-Accel-Buffering", "no");
            stream.start(first, executor, config.heartbeat().toMillis());
        });
    }

    private static void fail(RoutingContext ctx, QueryException e) {
        ctx.response().setStatusCode(e.kind().httpStatus()).putHeader("Content-Type", "application/json")
                .end(Buffer.buffer(PromJson.errorBody(e)));
    }
}

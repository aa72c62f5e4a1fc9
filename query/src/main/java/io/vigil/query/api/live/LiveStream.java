package io.vigil.query.api.live;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.vertx.core.Context;
import io.vertx.core.http.HttpServerResponse;
import io.vigil.query.api.prometheus.PromJson;
import io.vigil.query.promql.QueryException;
import io.vigil.query.promql.QueryValue;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * One client's stream: after the first window it evaluates, every step, the steps that have passed
 * since the last one and sends them as {@code event: points} (a Prometheus matrix); a comment line is
 * the heartbeat. Writes go through the connection's Vert.x context; a client that does not read
 * (write queue full) is disconnected rather than buffered without bound.
 */
final class LiveStream {
    private static final Logger LOG = Logger.getLogger(LiveStream.class);
    private static final JsonFactory JSON = new JsonFactory();

    /** Evaluates the stream's query over [start, end] at the stream's step. */
    interface Evaluator {
        QueryValue range(long startMillis, long endMillis);
    }

    private final HttpServerResponse response;
    private final Context context;
    private final Evaluator evaluator;
    private final long step;
    private final Runnable onClose;
    private final AtomicBoolean closed = new AtomicBoolean();
    private long lastEnd;
    private ScheduledFuture<?> ticks;
    private ScheduledFuture<?> heartbeats;

    LiveStream(HttpServerResponse response, Context context, Evaluator evaluator, long step, long firstEnd,
            Runnable onClose) {
        this.response = response;
        this.context = context;
        this.evaluator = evaluator;
        this.step = step;
        this.lastEnd = firstEnd;
        this.onClose = onClose;
    }

    /** Sends the first window (already evaluated) and schedules the steps and heartbeats. */
    void start(QueryValue first, ScheduledExecutorService executor, long heartbeatMillis) {
        response.closeHandler(v -> close());
        response.exceptionHandler(e -> close());
        send("event: points\ndata: " + json(first) + "\n\n");
        ticks = executor.scheduleWithFixedDelay(this::tick, step, step, TimeUnit.MILLISECONDS);
        heartbeats = executor.scheduleAtFixedRate(() -> send(": heartbeat\n\n"), heartbeatMillis, heartbeatMillis,
                TimeUnit.MILLISECONDS);
    }

    static long alignedEnd(long nowMillis, long step) {
        return Math.floorDiv(nowMillis, step) * step;
    }

    private void tick() {
        if (closed.get()) {
            return;
        }
        long end = alignedEnd(System.currentTimeMillis(), step);
        if (end <= lastEnd) {
            return;
        }
        try {
            QueryValue v = evaluator.range(lastEnd + step, end);
            lastEnd = end;
            if (v instanceof QueryValue.Matrix m && !m.series().isEmpty()) {
                send("event: points\ndata: " + json(v) + "\n\n");
            }
        } catch (QueryException e) {
            // A slow or unavailable database skips this step; the next one retries the missed points.
            send("event: error\ndata: {\"errorType\":\"" + e.kind().errorType() + "\",\"error\":"
                    + quoted(e.getMessage()) + "}\n\n");
        } catch (RuntimeException e) {
            LOG.warnf(e, "live stream step failed; closing the stream");
            close();
        }
    }

    private void send(String text) {
        if (closed.get()) {
            return;
        }
        context.runOnContext(v -> {
            if (closed.get()) {
                return;
            }
            if (response.writeQueueFull()) {
                LOG.debugf("live stream client does not read; disconnecting");
                response.reset();
                close();
                return;
            }
            response.write(text);
        });
    }

    void close() {
        if (closed.compareAndSet(false, true)) {
            if (ticks != null) {
                ticks.cancel(false);
            }
            if (heartbeats != null) {
                heartbeats.cancel(false);
            }
            onClose.run();
        }
    }

    static String json(QueryValue value) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            PromJson.writeQueryData(g, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static String quoted(String s) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeString(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}

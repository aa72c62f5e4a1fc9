package io.vigil.ingest.gateway;

import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/** The HTTP answers shared by every push protocol. */
public final class PushResponses {
    private static final Logger LOG = Logger.getLogger(PushResponses.class);
    /** Seconds a sender should wait before retrying when Kafka is unavailable. */
    static final int RETRY_AFTER_SECONDS = 5;
    /** During a Kafka outage every push fails: one warning a minute (with the count) is enough. */
    private static final java.util.concurrent.atomic.AtomicLong LAST_WARNING = new java.util.concurrent.atomic.AtomicLong();
    private static final java.util.concurrent.atomic.AtomicLong UNACKNOWLEDGED = new java.util.concurrent.atomic.AtomicLong();

    private PushResponses() {
    }

    public static Response badRequest(String reason) {
        return Response.status(400).entity(PushResult.failed(reason)).build();
    }

    public static Response tooLarge(String reason) {
        return Response.status(413).entity(PushResult.failed(reason)).build();
    }

    public static Response roleDisabled() {
        return Response.status(404).entity(PushResult.failed("the gateway role is disabled on this ingest instance")).build();
    }

    private static void warnRateLimited(Throwable cause) {
        long failures = UNACKNOWLEDGED.incrementAndGet();
        long now = System.currentTimeMillis();
        long last = LAST_WARNING.get();
        if (now - last >= 60_000 && LAST_WARNING.compareAndSet(last, now)) {
            UNACKNOWLEDGED.set(0);
            LOG.warnf("%d push(es) not acknowledged by Kafka since the last warning, answered 503; latest: %s", failures,
                    cause.toString());
        }
    }

    /**
     * Answers once Kafka acknowledged: {@code result} with 200 (or 400 when items were refused), or 503
     * with Retry-After when the samples could not be stored, so the sender retries.
     */
    public static CompletionStage<Response> afterAck(CompletableFuture<Void> ack, Duration timeout, PushResult result) {
        return ack.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).handle((ignored, error) -> {
            if (error != null) {
                Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                        ? error.getCause() : error;
                warnRateLimited(cause);
                return Response.status(503).header("Retry-After", RETRY_AFTER_SECONDS)
                        .entity(PushResult.failed("samples could not be stored (Kafka: " + cause.getClass().getSimpleName()
                                + "); retry after " + RETRY_AFTER_SECONDS + " s"))
                        .build();
            }
            return Response.status(result.rejected() == null ? 200 : 400).entity(result).build();
        });
    }
}

package io.vigil.ingest.gateway;

import jakarta.ws.rs.core.Response;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * The HTTP answers shared by every push protocol: which status a {@link PushOutcome} gets, and the
 * sentence that explains it. Endpoints wrap these in their protocol's body format.
 *
 * <table>
 * <tr><th>outcome</th><th>status</th><th>what the sender should do</th></tr>
 * <tr><td>STORED</td><td>200 (or the protocol's 204)</td><td>nothing</td></tr>
 * <tr><td>PARTIAL</td><td>400</td><td>fix the named items; the valid ones are stored (resending them is harmless)</td></tr>
 * <tr><td>SERIES_LIMITED</td><td>429</td><td>retry later: the named metrics gain too many new series</td></tr>
 * <tr><td>TOO_LARGE</td><td>413</td><td>split the request: nothing was stored</td></tr>
 * <tr><td>UNAVAILABLE</td><td>503 + Retry-After</td><td>retry: Kafka is down or slow, nothing is known to be stored</td></tr>
 * </table>
 */
public final class PushResponses {
    private static final Logger LOG = Logger.getLogger(PushResponses.class);
    /** Seconds a sender should wait before retrying when Kafka is unavailable. */
    public static final int RETRY_AFTER_SECONDS = 5;
    /** During a Kafka outage every push fails: one warning a minute (with the count) is enough. */
    private static final AtomicLong LAST_WARNING = new AtomicLong();
    private static final AtomicLong UNACKNOWLEDGED = new AtomicLong();

    private PushResponses() {
    }

    /** The HTTP status of an outcome; {@code okStatus} is the protocol's success code (200 or 204). */
    public static int status(PushOutcome outcome, int okStatus) {
        return switch (outcome.status()) {
            case STORED -> okStatus;
            case PARTIAL -> 400;
            case SERIES_LIMITED -> 429;
            case TOO_LARGE -> 413;
            case UNAVAILABLE -> 503;
        };
    }

    /** A one-paragraph explanation of a non-success outcome (null for STORED). */
    public static String message(PushOutcome outcome) {
        return switch (outcome.status()) {
            case STORED -> null;
            case PARTIAL -> outcome.rejected() + " item(s) were refused, " + outcome.samplesAccepted()
                    + " samples were stored; first reasons: " + String.join("; ", outcome.rejectReasons()
                            .subList(0, Math.min(10, outcome.rejectReasons().size())));
            case SERIES_LIMITED -> outcome.limitedSeries() + " new series were refused: metric(s) "
                    + String.join(", ", outcome.limitedMetrics()) + " gained more than the allowed new series per minute; "
                    + outcome.samplesAccepted() + " samples of other series were stored"
                    + (outcome.rejected() > 0 ? "; " + outcome.rejected() + " item(s) were also refused as invalid" : "");
            case TOO_LARGE, UNAVAILABLE -> outcome.message();
        };
    }

    /** Adds Retry-After to an UNAVAILABLE answer (and the 429 of a series limit). */
    public static Response.ResponseBuilder withRetryAfter(Response.ResponseBuilder r, PushOutcome outcome) {
        return switch (outcome.status()) {
            case UNAVAILABLE -> r.header("Retry-After", RETRY_AFTER_SECONDS);
            case SERIES_LIMITED -> r.header("Retry-After", 60);
            default -> r;
        };
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

    static void warnUnacknowledged(Throwable cause) {
        long failures = UNACKNOWLEDGED.incrementAndGet();
        long now = System.currentTimeMillis();
        long last = LAST_WARNING.get();
        if (now - last >= 60_000 && LAST_WARNING.compareAndSet(last, now)) {
            UNACKNOWLEDGED.set(0);
            LOG.warnf("%d push(es) not acknowledged by Kafka since the last warning, answered 503; latest: %s", failures,
                    cause.toString());
        }
    }
}

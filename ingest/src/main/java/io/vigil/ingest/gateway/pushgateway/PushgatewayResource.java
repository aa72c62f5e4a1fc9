package io.vigil.ingest.gateway.pushgateway;

import io.smallrye.common.annotation.Blocking;
import io.vigil.ingest.gateway.GatewayConfig;
import io.vigil.ingest.gateway.PushBatch;
import io.vigil.ingest.gateway.PushOutcome;
import io.vigil.ingest.gateway.PushPipeline;
import io.vigil.ingest.gateway.PushResponses;
import io.vigil.wire.WireFormatException;
import io.vigil.wire.exposition.ExpositionFormat;
import io.vigil.wire.exposition.ExpositionParser;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The Pushgateway API: {@code PUT} (replace the group), {@code POST} (replace the pushed metric
 * families only) and {@code DELETE} (remove the group) on {@code /metrics/job/<job>{/<label>/<value>}}.
 * Bodies are the Prometheus text format (or OpenMetrics by Content-Type); the protobuf delimited format
 * gets 415. A push is checked whole before anything changes: any invalid line, series or timestamp
 * answers 400 with the reasons, keeps the group as it was and sets its push_failure_time_seconds.
 * Semantics and storage: ingest/README.md, "Pushgateway".
 */
@Path("/metrics")
public class PushgatewayResource {
    private static final int LOCK_STRIPES = 64;

    private final GatewayConfig gateway;
    private final PushgatewayConfig config;
    private final GroupStore store;
    private final PushPipeline pipeline;
    /** Pushes to one group on this replica are applied one after the other. */
    private final ReentrantLock[] locks = new ReentrantLock[LOCK_STRIPES];

    PushgatewayResource(GatewayConfig gateway, PushgatewayConfig config, GroupStore store, PushPipeline pipeline) {
        this.gateway = gateway;
        this.config = config;
        this.store = store;
        this.pipeline = pipeline;
        for (int i = 0; i < LOCK_STRIPES; i++) {
            locks[i] = new ReentrantLock();
        }
    }

    @PUT
    @Path("{groupingKey: job.*}")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.TEXT_PLAIN)
    @Blocking
    public Response replaceGroup(@Context UriInfo uri, @HeaderParam("Content-Type") String contentType,
            @HeaderParam("Content-Encoding") String encoding, byte[] body) throws InterruptedException {
        return push(uri, contentType, encoding, body, true);
    }

    @POST
    @Path("{groupingKey: job.*}")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.TEXT_PLAIN)
    @Blocking
    public Response replaceFamilies(@Context UriInfo uri, @HeaderParam("Content-Type") String contentType,
            @HeaderParam("Content-Encoding") String encoding, byte[] body) throws InterruptedException {
        return push(uri, contentType, encoding, body, false);
    }

    @DELETE
    @Path("{groupingKey: job.*}")
    @Produces(MediaType.TEXT_PLAIN)
    @Blocking
    public Response deleteGroup(@Context UriInfo uri) throws InterruptedException {
        Response refused = refuseEarly(uri, null, null);
        if (refused != null) {
            return refused;
        }
        GroupingKey key = GroupingKey.parse(groupingPath(uri));
        ReentrantLock lock = lockOf(key);
        lock.lock();
        try {
            PushedGroup old = store.get(key);
            if (old == null) {
                return Response.accepted().build();
            }
            store.delete(key).get(config.stateTimeout().toMillis(), TimeUnit.MILLISECONDS);
            PushBatch batch = pipeline.open("pushgateway");
            new PushgatewayMetrics().emitDeleted(old, System.currentTimeMillis(), batch);
            return answer(batch, 202);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            return unavailable(e);
        } finally {
            lock.unlock();
        }
    }

    private Response push(UriInfo uri, String contentType, String encoding, byte[] body, boolean replaceAll)
            throws InterruptedException {
        Response refused = refuseEarly(uri, contentType, encoding);
        if (refused != null) {
            return refused;
        }
        GroupingKey key = GroupingKey.parse(groupingPath(uri));
        ExpositionFormat format = ExpositionFormat.fromContentType(contentType);
        ReentrantLock lock = lockOf(key);
        lock.lock();
        try {
            long now = System.currentTimeMillis();
            PushedGroup old = store.get(key);
            PushedGroup base = old == null ? PushedGroup.empty(key) : old;
            GroupCollector collected = new GroupCollector(key);
            String failure = null;
            try {
                ExpositionParser.parse(body, 0, body.length, GroupCollector.NO_TIMESTAMP, format, collected, collected);
            } catch (WireFormatException e) {
                failure = e.getMessage();
            }
            if (failure == null && collected.failed()) {
                failure = collected.problems();
            }
            PushedGroup next = failure != null ? base.failedAt(now)
                    : replaceAll ? base.replaceAll(collected.series(), now) : base.replaceFamilies(collected.series(), now);
            List<io.vigil.model.Labels> dropped = base.droppedBy(next);
            int samples = next.series().size() + 2 + dropped.size();
            if (samples > gateway.maxSamplesPerRequest()) {
                return Response.status(413).entity("push to " + key + " refused: the group would hold " + samples
                        + " series, more than the limit of " + gateway.maxSamplesPerRequest() + "; split it into groups\n").build();
            }
            store.put(next).get(config.stateTimeout().toMillis(), TimeUnit.MILLISECONDS);
            PushBatch batch = pipeline.open("pushgateway");
            PushgatewayMetrics metrics = new PushgatewayMetrics();
            metrics.emit(next, now, batch);
            metrics.emitStale(dropped, now, batch);
            Response stored = answer(batch, 200);
            if (failure != null && stored.getStatus() == 200) {
                return Response.status(400).entity("push to " + key + " refused, the group keeps its previous metrics:\n"
                        + failure + "\n").build();
            }
            return stored;
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            return unavailable(e);
        } finally {
            lock.unlock();
        }
    }

    /** 404 (role off), 400 (bad path), 415 (format or encoding), 503 (state not loaded yet), else null. */
    private Response refuseEarly(UriInfo uri, String contentType, String encoding) throws InterruptedException {
        if (!gateway.enabled()) {
            return Response.status(404).entity("the gateway role is disabled on this ingest instance\n").build();
        }
        try {
            GroupingKey.parse(groupingPath(uri));
        } catch (IllegalArgumentException e) {
            return Response.status(400).entity(e.getMessage() + "\n").build();
        }
        if (contentType != null && ExpositionFormat.fromContentType(contentType) == null) {
            return Response.status(415).entity("the protobuf delimited format (" + contentType + ") is not accepted here; "
                    + "push the text format (Content-Type: text/plain; version=0.0.4), e.g. with the Java client's "
                    + "PushGateway.builder().format(Format.PROMETHEUS_TEXT)\n").build();
        }
        if (encoding != null && !encoding.isBlank() && !encoding.trim().equalsIgnoreCase("identity")) {
            return Response.status(415).entity("Content-Encoding " + encoding + " is not accepted; send the body uncompressed\n")
                    .build();
        }
        if (!store.awaitReady(config.stateTimeout())) {
            return Response.status(503).header("Retry-After", PushResponses.RETRY_AFTER_SECONDS)
                    .entity("the pushgateway state is still being loaded from Kafka; retry after "
                            + PushResponses.RETRY_AFTER_SECONDS + " s\n").build();
        }
        return null;
    }

    private static Response answer(PushBatch batch, int okStatus) throws InterruptedException {
        try {
            PushOutcome outcome = batch.publish().toCompletableFuture().get();
            int status = PushResponses.status(outcome, okStatus);
            Response.ResponseBuilder r = PushResponses.withRetryAfter(Response.status(status), outcome);
            String message = PushResponses.message(outcome);
            return (message == null ? r : r.entity(message + "\n")).build();
        } catch (java.util.concurrent.ExecutionException e) {
            return unavailable(e);
        }
    }

    private static Response unavailable(Exception e) {
        Throwable cause = e.getCause() == null ? e : e.getCause();
        return Response.status(503).header("Retry-After", PushResponses.RETRY_AFTER_SECONDS)
                .entity("the group could not be stored (" + cause.getClass().getSimpleName() + ": " + cause.getMessage()
                        + "); retry after " + PushResponses.RETRY_AFTER_SECONDS + " s\n").build();
    }

    /** The grouping-key part of the path, still percent-encoded (so an encoded '/' stays inside its segment). */
    private static String groupingPath(UriInfo uri) {
        List<String> parts = List.of(uri.getRequestUri().getRawPath().split("/metrics/", 2));
        return parts.size() < 2 ? "" : parts.get(1);
    }

    private ReentrantLock lockOf(GroupingKey key) {
        return locks[Math.floorMod(key.hashCode(), LOCK_STRIPES)];
    }
}

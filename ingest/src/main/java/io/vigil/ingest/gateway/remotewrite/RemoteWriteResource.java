package io.vigil.ingest.gateway.remotewrite;

import io.smallrye.common.annotation.Blocking;
import io.vigil.ingest.gateway.GatewayConfig;
import io.vigil.ingest.gateway.PushBatch;
import io.vigil.ingest.gateway.PushOutcome;
import io.vigil.ingest.gateway.PushPipeline;
import io.vigil.ingest.gateway.PushResponses;
import io.vigil.wire.BodyTooLargeException;
import io.vigil.wire.WireFormatException;
import io.vigil.wire.remotewrite.RemoteWriteDecoder;
import io.vigil.wire.remotewrite.RemoteWriteVersion;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * {@code POST /api/v1/write}: Prometheus remote write 1.0 and 2.0 on one endpoint, told apart by
 * Content-Type ({@code application/x-protobuf}, with {@code proto=io.prometheus.write.v2.Request} for
 * 2.0); other types and encodings other than snappy get 415.
 *
 * <p>Answers, chosen so that Prometheus retries exactly when retrying can help: 204 when everything
 * was stored; 400 naming the refused series when some were invalid (the valid ones are stored, and
 * Prometheus does not retry a 4xx); 413 for a body over the limits; 429 when new series of a metric
 * were over the per-minute limit (retried later); 503 with Retry-After only when Kafka did not
 * acknowledge (retried). Every 2.0 answer carries the {@code X-Prometheus-Remote-Write-*-Written}
 * headers; histograms and exemplars are never written, so those two are always 0.
 */
@Path("/api/v1/write")
public class RemoteWriteResource {
    static final String SAMPLES_WRITTEN = "X-Prometheus-Remote-Write-Samples-Written";
    static final String HISTOGRAMS_WRITTEN = "X-Prometheus-Remote-Write-Histograms-Written";
    static final String EXEMPLARS_WRITTEN = "X-Prometheus-Remote-Write-Exemplars-Written";
    private static final int POOLED_DECODERS = 16;
    /** A decoder whose buffer grew past this (a rare huge request) is not kept. */
    private static final int MAX_POOLED_BUFFER = 8 * 1024 * 1024;

    private final GatewayConfig config;
    private final PushPipeline pipeline;
    private final ArrayBlockingQueue<RemoteWriteDecoder> decoders = new ArrayBlockingQueue<>(POOLED_DECODERS);

    RemoteWriteResource(GatewayConfig config, PushPipeline pipeline) {
        this.config = config;
        this.pipeline = pipeline;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.TEXT_PLAIN)
    @Blocking
    public CompletionStage<Response> write(@HeaderParam("Content-Type") String contentType,
            @HeaderParam("Content-Encoding") String contentEncoding, byte[] body) {
        if (!config.enabled()) {
            return done(Response.status(404).entity("the gateway role is disabled on this ingest instance").build());
        }
        RemoteWriteVersion version = RemoteWriteVersion.ofContentType(contentType);
        if (version == null) {
            return done(Response.status(415).entity("unsupported Content-Type \"" + contentType + "\": expected "
                    + "application/x-protobuf (remote write 1.0) or "
                    + "application/x-protobuf;proto=io.prometheus.write.v2.Request (2.0)").build());
        }
        if (contentEncoding == null || !contentEncoding.trim().equalsIgnoreCase("snappy")) {
            return done(written(Response.status(415), version, 0).entity("unsupported Content-Encoding \"" + contentEncoding
                    + "\": remote write bodies must be snappy-compressed (Content-Encoding: snappy)").build());
        }
        PushBatch batch = pipeline.open(version == RemoteWriteVersion.V2 ? "remote-write-2" : "remote-write");
        RemoteWriteDecoder decoder = decoders.poll();
        if (decoder == null) {
            decoder = new RemoteWriteDecoder((int) Math.min(Integer.MAX_VALUE, config.maxDecodedBodySize().asLongValue()));
        }
        try {
            decoder.decode(body, body.length, version, batch);
        } catch (BodyTooLargeException e) {
            return refuseWhole(batch, version, 413, e.getMessage());
        } catch (WireFormatException e) {
            return refuseWhole(batch, version, 400, e.getMessage());
        } finally {
            if (decoder.retainedBytes() <= MAX_POOLED_BUFFER) {
                decoders.offer(decoder);
            }
        }
        return batch.publish().thenApply(outcome -> answer(outcome, version));
    }

    private static CompletionStage<Response> refuseWhole(PushBatch batch, RemoteWriteVersion version, int status,
            String reason) {
        batch.discard();
        return done(written(Response.status(status), version, 0)
                .entity(reason + " (nothing of this request was stored)").build());
    }

    private static Response answer(PushOutcome outcome, RemoteWriteVersion version) {
        int status = PushResponses.status(outcome, 204);
        Response.ResponseBuilder r = written(Response.status(status), version, outcome.samplesAccepted());
        PushResponses.withRetryAfter(r, outcome);
        String message = PushResponses.message(outcome);
        return (message == null ? r : r.entity(message)).build();
    }

    private static Response.ResponseBuilder written(Response.ResponseBuilder r, RemoteWriteVersion version, int samples) {
        if (version == RemoteWriteVersion.V2) {
            r.header(SAMPLES_WRITTEN, samples).header(HISTOGRAMS_WRITTEN, 0).header(EXEMPLARS_WRITTEN, 0);
        }
        return r;
    }

    private static CompletionStage<Response> done(Response response) {
        return CompletableFuture.completedFuture(response);
    }
}

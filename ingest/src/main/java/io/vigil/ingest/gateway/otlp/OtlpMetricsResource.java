package io.vigil.ingest.gateway.otlp;

import io.smallrye.common.annotation.Blocking;
import io.vigil.ingest.gateway.GatewayConfig;
import io.vigil.ingest.gateway.PushBatch;
import io.vigil.ingest.gateway.PushOutcome;
import io.vigil.ingest.gateway.PushPipeline;
import io.vigil.ingest.gateway.PushResponses;
import io.vigil.wire.WireFormatException;
import io.vigil.wire.otlp.OtlpMetricsParser;
import io.vigil.wire.otlp.OtlpResponses;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.zip.GZIPInputStream;

/**
 * {@code POST /v1/metrics}: OTLP/HTTP metrics export, protobuf ({@code application/x-protobuf}) or
 * JSON ({@code application/json}), optionally {@code Content-Encoding: gzip}. A thin adapter from
 * {@link OtlpMetricsParser} to the {@link PushPipeline}.
 *
 * <p>Answers in the request's encoding, as the OTLP/HTTP spec asks:
 * <ul>
 * <li>200 + {@code ExportMetricsServiceResponse}: stored; with {@code partial_success}
 *     (rejected_data_points, error_message) when some items were refused (retrying cannot help them);
 * <li>400 + {@code Status}: the body is not a readable request (nothing stored);
 * <li>413: too many samples or too large once decompressed (nothing stored);
 * <li>415: neither protobuf nor JSON, or an encoding other than gzip;
 * <li>429 + Retry-After: new series of some metrics over the per-minute limit;
 * <li>503 + Retry-After: Kafka did not acknowledge; OTLP exporters retry 429 and 503.
 * </ul>
 */
@Path("/v1/metrics")
public class OtlpMetricsResource {
    private static final String PROTOBUF = "application/x-protobuf";

    private final GatewayConfig gateway;
    private final PushPipeline pipeline;
    private final ThreadLocal<OtlpMetricsParser> parsers;

    OtlpMetricsResource(GatewayConfig gateway, OtlpConfig config, PushPipeline pipeline) {
        this.gateway = gateway;
        this.pipeline = pipeline;
        this.parsers = ThreadLocal.withInitial(() -> new OtlpMetricsParser(config.options()));
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Blocking
    public CompletionStage<Response> export(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @HeaderParam(HttpHeaders.CONTENT_ENCODING) String contentEncoding, InputStream body) {
        String type = contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        boolean json = type.equals(MediaType.APPLICATION_JSON);
        if (!gateway.enabled()) {
            return done(status(404, json, OtlpResponses.UNIMPLEMENTED, "the gateway role is disabled on this ingest instance"));
        }
        if (!json && !type.equals(PROTOBUF) && !type.equals("application/protobuf")) {
            return done(status(415, json, OtlpResponses.INVALID_ARGUMENT, "Content-Type must be " + PROTOBUF
                    + " or application/json, not \"" + abbreviate(type) + "\""));
        }
        String encoding = contentEncoding == null ? "identity" : contentEncoding.trim().toLowerCase(Locale.ROOT);
        if (!encoding.equals("gzip") && !encoding.equals("identity")) {
            return done(status(415, json, OtlpResponses.INVALID_ARGUMENT, "Content-Encoding must be gzip or absent, not \""
                    + abbreviate(encoding) + "\""));
        }
        long max = gateway.maxDecodedBodySize().asLongValue();
        byte[] data;
        try (InputStream in = encoding.equals("gzip") ? new GZIPInputStream(body) : body) {
            data = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
        } catch (IOException e) {
            return done(status(400, json, OtlpResponses.INVALID_ARGUMENT, "the body could not be read as "
                    + encoding + ": " + e.getMessage()));
        }
        if (data.length > max) {
            return done(status(413, json, OtlpResponses.INVALID_ARGUMENT, "the body is larger than " + max
                    + " bytes once decompressed; send smaller batches"));
        }
        PushBatch batch = pipeline.open("otlp");
        OtlpMetricsParser parser = parsers.get();
        try {
            if (json) {
                parser.parseJson(data, data.length, batch, System.currentTimeMillis());
            } else {
                parser.parseProtobuf(data, data.length, batch, System.currentTimeMillis());
            }
        } catch (WireFormatException e) {
            batch.publish(); // returns the batch's buffers; it sends nothing of a refused request
            return done(status(400, json, OtlpResponses.INVALID_ARGUMENT, e.getMessage()));
        }
        return batch.publish().thenApply(outcome -> answer(outcome, json));
    }

    private static Response answer(PushOutcome outcome, boolean json) {
        return switch (outcome.status()) {
            case STORED -> ok(json, 0, null);
            case PARTIAL -> ok(json, outcome.rejected(), PushResponses.message(outcome));
            case SERIES_LIMITED -> PushResponses.withRetryAfter(builder(429, json, OtlpResponses.RESOURCE_EXHAUSTED,
                    PushResponses.message(outcome)), outcome).build();
            case TOO_LARGE -> status(413, json, OtlpResponses.INVALID_ARGUMENT, outcome.message());
            case UNAVAILABLE -> PushResponses.withRetryAfter(builder(503, json, OtlpResponses.UNAVAILABLE,
                    outcome.message()), outcome).build();
        };
    }

    private static Response ok(boolean json, long rejected, String message) {
        byte[] body = json ? OtlpResponses.exportJson(rejected, message) : OtlpResponses.exportProtobuf(rejected, message);
        return Response.ok(body, json ? MediaType.APPLICATION_JSON : PROTOBUF).build();
    }

    private static Response status(int http, boolean json, int code, String message) {
        return builder(http, json, code, message).build();
    }

    private static Response.ResponseBuilder builder(int http, boolean json, int code, String message) {
        byte[] body = json ? OtlpResponses.statusJson(code, message) : OtlpResponses.statusProtobuf(code, message);
        return Response.status(http).type(json ? MediaType.APPLICATION_JSON : PROTOBUF).entity(body);
    }

    private static CompletionStage<Response> done(Response r) {
        return CompletableFuture.completedFuture(r);
    }

    private static String abbreviate(String s) {
        return s.length() <= 64 ? s : s.substring(0, 61) + "...";
    }
}

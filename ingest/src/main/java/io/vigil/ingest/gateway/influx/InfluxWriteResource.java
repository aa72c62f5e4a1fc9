package io.vigil.ingest.gateway.influx;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Blocking;
import io.vigil.ingest.gateway.GatewayConfig;
import io.vigil.ingest.gateway.PushBatch;
import io.vigil.ingest.gateway.PushPipeline;
import io.vigil.model.SeriesRules;
import io.vigil.wire.WireFormatException;
import io.vigil.wire.influx.InfluxLineParser;
import io.vigil.wire.influx.InfluxParseResult;
import io.vigil.wire.influx.Precision;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * InfluxDB's write APIs over the gateway pipeline, so Telegraf, Micrometer and the InfluxDB client
 * libraries can push without changes: {@code POST /write} (1.x: {@code db}, {@code rp},
 * {@code precision}, {@code u}/{@code p}) and {@code POST /api/v2/write} (2.x: {@code org},
 * {@code bucket}, {@code precision}). The body is line protocol, see {@link InfluxLineParser} for how
 * it becomes series. {@code u}/{@code p} and the Authorization header are checked by the push
 * authentication filter; {@code rp} and {@code org} are accepted and ignored, and so is the database
 * unless {@code vigil.gateway.influx.database-label} is set.
 */
@Path("/")
public class InfluxWriteResource {
    private final GatewayConfig gateway;
    private final InfluxConfig config;
    private final PushPipeline pipeline;
    private final Counter stringFields;

    InfluxWriteResource(GatewayConfig gateway, InfluxConfig config, PushPipeline pipeline, MeterRegistry meters) {
        this.gateway = gateway;
        this.config = config;
        this.pipeline = pipeline;
        this.stringFields = meters.counter("vigil_gateway_influx_string_fields_skipped_total");
        config.databaseLabel().ifPresent(label -> {
            String problem = SeriesRules.checkLabelName(label);
            if (problem != null) {
                throw new IllegalArgumentException("vigil.gateway.influx.database-label: " + problem);
            }
        });
    }

    @POST
    @Path("write")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Blocking
    public CompletionStage<Response> writeV1(@QueryParam("db") String db, @QueryParam("precision") String precision,
            @HeaderParam("Content-Encoding") String encoding, InputStream body) {
        return write(db, precision, Precision::ofV1, encoding, body);
    }

    @POST
    @Path("api/v2/write")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Blocking
    public CompletionStage<Response> writeV2(@QueryParam("bucket") String bucket, @QueryParam("precision") String precision,
            @HeaderParam("Content-Encoding") String encoding, InputStream body) {
        return write(bucket, precision, Precision::ofV2, encoding, body);
    }

    private CompletionStage<Response> write(String database, String precisionParam, Function<String, Precision> precisions,
            String encoding, InputStream body) {
        if (!gateway.enabled()) {
            return done(InfluxResponses.error(404, "the gateway role is disabled on this ingest instance"));
        }
        long now = System.currentTimeMillis();
        Precision precision;
        byte[] bytes;
        try {
            precision = precisions.apply(precisionParam);
            bytes = InfluxBody.read(body, encoding, gateway.maxDecodedBodySize().asLongValue());
        } catch (WireFormatException e) {
            return done(InfluxResponses.error(400, e.getMessage()));
        } catch (InfluxBody.TooLargeException e) {
            return done(InfluxResponses.error(413, e.getMessage()));
        } catch (InfluxBody.UnsupportedEncodingException e) {
            return done(InfluxResponses.error(415, e.getMessage()));
        } catch (IOException e) {
            return done(InfluxResponses.error(400, "the body could not be read (" + e.getMessage() + ")"));
        }
        PushBatch batch = pipeline.open("influx");
        // One sample past the limit is enough for the batch to know the request is too large (413).
        InfluxParseResult parsed = InfluxLineParser.parse(bytes, 0, bytes.length, now, precision,
                DatabaseLabel.wrap(batch, config.databaseLabel(), database), (int) Math.min(Integer.MAX_VALUE,
                        gateway.maxSamplesPerRequest() + 1L));
        stringFields.increment(parsed.stringFields());
        return batch.publish().thenApply(outcome -> InfluxResponses.answer(outcome, parsed.stringFields()));
    }

    private static CompletionStage<Response> done(Response response) {
        return CompletableFuture.completedFuture(response);
    }
}

package io.vigil.ingest.gateway.json;

import io.smallrye.common.annotation.Blocking;
import io.vigil.ingest.gateway.GatewayConfig;
import io.vigil.ingest.gateway.PushBatch;
import io.vigil.ingest.gateway.PushOutcome;
import io.vigil.ingest.gateway.PushPipeline;
import io.vigil.ingest.gateway.PushResponses;
import io.vigil.ingest.gateway.PushResult;
import io.vigil.wire.LabelBuffer;
import io.vigil.wire.json.JsonPushParser;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * {@code POST /api/v1/push}: Vigil's JSON push (see {@link JsonPushParser} for the format), a thin
 * adapter from the parser's items to the {@link PushPipeline}.
 *
 * <p>Valid items of a request are kept even when others are refused: the answer is then 400 and names
 * every refused item with its index and reason, and says how many were stored. A sender may fix the
 * refused items and send only those again; resending everything is also harmless, since a sample
 * stored twice (same series and timestamp) is kept once. NaN and infinite values are refused here.
 */
@Path("/api/v1/push")
public class JsonPushResource {
    private static final int MAX_LISTED_ERRORS = 100;

    private final GatewayConfig config;
    private final PushPipeline pipeline;

    JsonPushResource(GatewayConfig config, PushPipeline pipeline) {
        this.config = config;
        this.pipeline = pipeline;
    }

    @POST
    @Consumes({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN, MediaType.WILDCARD})
    @Produces(MediaType.APPLICATION_JSON)
    @Blocking
    public CompletionStage<Response> push(InputStream body) {
        if (!config.enabled()) {
            return CompletableFuture.completedFuture(PushResponses.roleDisabled());
        }
        PushBatch batch = pipeline.open("json").finiteValuesOnly();
        List<PushResult.ItemError> errors = new ArrayList<>();
        LabelBuffer labels = new LabelBuffer();
        try {
            JsonPushParser.parse(body, System.currentTimeMillis(), new JsonPushParser.Handler() {
                @Override
                public void sample(int index, String name, Map<String, String> itemLabels, long ts, double value) {
                    int refusedBefore = batch.rejectedCount();
                    labels.reset();
                    labels.setName(name);
                    for (Map.Entry<String, String> e : itemLabels.entrySet()) {
                        labels.addLabel(e.getKey(), e.getValue());
                    }
                    if (batch.beginSeries(labels)) {
                        batch.sample(ts, value);
                    }
                    if (batch.rejectedCount() > refusedBefore) {
                        listError(index, batch.lastRejection());
                    }
                }

                @Override
                public void invalid(int index, String reason) {
                    batch.reject(reason);
                    listError(index, reason);
                }

                private void listError(int index, String reason) {
                    if (errors.size() < MAX_LISTED_ERRORS) {
                        errors.add(new PushResult.ItemError(index, reason));
                    }
                }

                @Override
                public boolean more(int index) {
                    return !batch.isTooLarge();
                }
            });
        } catch (JsonPushParser.MalformedBodyException e) {
            batch.discard();
            return CompletableFuture.completedFuture(PushResponses.badRequest(e.getMessage()));
        }
        return batch.publish().thenApply(outcome -> answer(outcome, errors));
    }

    private static Response answer(PushOutcome outcome, List<PushResult.ItemError> errors) {
        int accepted = outcome.samplesAccepted();
        PushResult result = switch (outcome.status()) {
            case STORED -> PushResult.ok(accepted);
            case PARTIAL -> PushResult.partial(accepted, outcome.rejected(), errors, outcome.rejected() - errors.size());
            case SERIES_LIMITED -> new PushResult("error", accepted, outcome.rejected(), errors.isEmpty() ? null : errors,
                    null, PushResponses.message(outcome));
            case TOO_LARGE, UNAVAILABLE -> PushResult.failed(outcome.message());
        };
        return PushResponses.withRetryAfter(Response.status(PushResponses.status(outcome, 200)).entity(result), outcome)
                .build();
    }
}

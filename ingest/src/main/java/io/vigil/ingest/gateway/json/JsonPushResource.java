package io.vigil.ingest.gateway.json;

import io.smallrye.common.annotation.Blocking;
import io.vigil.ingest.gateway.GatewayConfig;
import io.vigil.ingest.gateway.PendingSeries;
import io.vigil.ingest.gateway.PushResult;
import io.vigil.ingest.gateway.PushResponses;
import io.vigil.ingest.gateway.SamplePublisher;
import io.vigil.ingest.gateway.SampleValidator;
import io.vigil.model.Labels;
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
 * {@code POST /api/v1/push}: Vigil's JSON push (see {@link JsonPushParser} for the format).
 *
 * <p>Valid items of a request are kept even when others are refused: the answer is then 400 and names
 * every refused item with its index and reason, and says how many were stored. A sender may fix the
 * refused items and send only those again; resending everything is also harmless, since a sample
 * stored twice (same series and timestamp) is kept once.
 */
@Path("/api/v1/push")
public class JsonPushResource {
    private static final int MAX_LISTED_ERRORS = 100;

    private final GatewayConfig config;
    private final SampleValidator validator;
    private final SamplePublisher publisher;

    JsonPushResource(GatewayConfig config, SampleValidator validator, SamplePublisher publisher) {
        this.config = config;
        this.validator = validator;
        this.publisher = publisher;
    }

    @POST
    @Consumes({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN, MediaType.WILDCARD})
    @Produces(MediaType.APPLICATION_JSON)
    @Blocking
    public CompletionStage<Response> push(InputStream body) {
        if (!config.enabled()) {
            return CompletableFuture.completedFuture(PushResponses.roleDisabled());
        }
        long now = System.currentTimeMillis();
        PendingSeries pending = new PendingSeries();
        List<PushResult.ItemError> errors = new ArrayList<>();
        int[] rejected = {0};
        boolean[] tooMany = {false};
        try {
            JsonPushParser.parse(body, now, new JsonPushParser.Handler() {
                @Override
                public void sample(int index, String name, Map<String, String> labels, long ts, double value) {
                    String problem = validator.check(name, labels, ts, value, now);
                    if (problem == null) {
                        pending.add(Labels.of(name, labels), ts, value);
                    } else {
                        invalid(index, problem);
                    }
                }

                @Override
                public void invalid(int index, String reason) {
                    rejected[0]++;
                    if (errors.size() < MAX_LISTED_ERRORS) {
                        errors.add(new PushResult.ItemError(index, reason));
                    }
                }

                @Override
                public boolean more(int index) {
                    tooMany[0] = index >= config.maxSamplesPerRequest();
                    return !tooMany[0];
                }
            });
        } catch (JsonPushParser.MalformedBodyException e) {
            return CompletableFuture.completedFuture(PushResponses.badRequest(e.getMessage()));
        }
        if (tooMany[0]) {
            return CompletableFuture.completedFuture(PushResponses.tooLarge("more than " + config.maxSamplesPerRequest()
                    + " samples in one request; split it (nothing of this request was stored)"));
        }
        int accepted = pending.sampleCount();
        return PushResponses.afterAck(publisher.publish(pending), config.kafkaAckTimeout(), rejected[0] == 0
                ? PushResult.ok(accepted)
                : PushResult.partial(accepted, rejected[0], errors, rejected[0] - errors.size()));
    }
}

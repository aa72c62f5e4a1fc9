package io.vigil.ingest.gateway;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The answer to a push. {@code accepted} samples are in Kafka (and will be stored) whatever the
 * status; {@code errors} names each refused item by its index in the request.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PushResult(String status, int accepted, Integer rejected, List<ItemError> errors, Integer moreErrors,
        String error) {

    public record ItemError(int index, String error) {
    }

    public static PushResult ok(int accepted) {
        return new PushResult("success", accepted, null, null, null, null);
    }

    public static PushResult partial(int accepted, int rejected, List<ItemError> errors, int moreErrors) {
        return new PushResult("error", accepted, rejected, errors, moreErrors > 0 ? moreErrors : null,
                rejected + " of " + (accepted + rejected) + " samples were refused; the others were stored");
    }

    public static PushResult failed(String error) {
        return new PushResult("error", 0, null, null, null, error);
    }
}

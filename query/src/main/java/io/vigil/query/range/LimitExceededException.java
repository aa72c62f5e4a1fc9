package io.vigil.query.range;

/** A valid query that asks for more than the limits allow. Answered with 422. */
public class LimitExceededException extends RuntimeException {
    public LimitExceededException(String message) {
        super(message);
    }
}

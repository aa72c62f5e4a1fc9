package io.vigil.alerting.eval;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The evaluator's port to the query tier: an instant query at a given time. */
public interface Querier {
    /**
     * The result of {@code expr} at {@code t}: a vector's samples, or one unlabelled sample for a scalar.
     * Throws {@link QueryException} with the query tier's message when it refused or failed.
     */
    List<QuerySample> query(String expr, Instant t, Duration timeout) throws QueryException;

    /** A failed query; its message is what the rule's lastError shows. */
    final class QueryException extends Exception {
        public QueryException(String message) {
            super(message);
        }

        public QueryException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}

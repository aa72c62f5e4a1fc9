package io.vigil.query.promql;

/**
 * A query that cannot be answered, with the Prometheus HTTP API error type it maps to.
 */
public class QueryException extends RuntimeException {
    public enum Kind {
        /** Malformed query or parameters: HTTP 400, errorType bad_data. */
        BAD_DATA("bad_data", 400),
        /** Valid query that cannot be executed, e.g. a limit hit: HTTP 422, errorType execution. */
        EXECUTION("execution", 422),
        /** Evaluation took longer than allowed: HTTP 503, errorType timeout. */
        TIMEOUT("timeout", 503),
        /** Storage unreachable: HTTP 503, errorType unavailable. */
        UNAVAILABLE("unavailable", 503),
        /** A bug or an unexpected storage answer: HTTP 500, errorType internal. */
        INTERNAL("internal", 500);

        private final String errorType;
        private final int httpStatus;

        Kind(String errorType, int httpStatus) {
            this.errorType = errorType;
            this.httpStatus = httpStatus;
        }

        public String errorType() {
            return errorType;
        }

        public int httpStatus() {
            return httpStatus;
        }
    }

    private final Kind kind;

    public QueryException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public QueryException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}

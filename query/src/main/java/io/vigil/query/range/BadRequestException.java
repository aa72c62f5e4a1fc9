package io.vigil.query.range;

/** A query the user must fix; its message says what is wrong. Answered with 400. */
public class BadRequestException extends RuntimeException {
    public BadRequestException(String message) {
        super(message);
    }
}

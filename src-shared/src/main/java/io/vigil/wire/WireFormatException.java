package io.vigil.wire;

/** A request body that cannot be decoded at all; the message says what and where, for a 400 answer. */
public class WireFormatException extends IllegalArgumentException {
    public WireFormatException(String message) {
        super(message);
    }

    public WireFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}

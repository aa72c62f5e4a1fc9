package io.vigil.wire;

/** A body that is, or declares that it decodes to, more bytes than allowed; answered 413. */
public class BodyTooLargeException extends WireFormatException {
    public BodyTooLargeException(String message) {
        super(message);
    }
}

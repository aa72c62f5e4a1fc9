package io.vigil.alerting.manager.silence;

/** A silence request refused: {@code status} is the HTTP status (400 invalid, 404 unknown id). */
public final class SilenceException extends Exception {
    private final int status;

    public SilenceException(int status, String reason) {
        super(reason);
        this.status = status;
    }

    public int status() {
        return status;
    }
}

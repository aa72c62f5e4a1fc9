package io.vigil.notify.channel;

import java.time.Duration;

/**
 * What one delivery attempt achieved, and so what the pipeline does next: nothing (delivered), try
 * again later (retry, no sooner than {@code retryAfter} when the receiver said so), or give up and
 * dead-letter (rejected: retrying cannot help, e.g. a 400).
 *
 * @param statusCode the receiver's status code, or 0 when there was no answer (timeout, refused, SMTP)
 * @param detail     a short reason for the log; it never contains a secret
 */
public record Attempt(Outcome outcome, int statusCode, Duration retryAfter, String detail) {

    public enum Outcome { DELIVERED, RETRY, REJECTED }

    public static Attempt delivered(int statusCode) {
        return new Attempt(Outcome.DELIVERED, statusCode, null, "delivered");
    }

    public static Attempt retry(int statusCode, Duration retryAfter, String detail) {
        return new Attempt(Outcome.RETRY, statusCode, retryAfter, detail);
    }

    public static Attempt rejected(int statusCode, String detail) {
        return new Attempt(Outcome.REJECTED, statusCode, null, detail);
    }
}

package io.vigil.notify.channel.phone;

import io.vigil.notify.channel.Attempt;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Folds the outcomes of the messages and calls of one notification into the one {@link Attempt} the
 * pipeline acts on. The notification is delivered only when every message went through; if any failed
 * in a way that may pass later, the whole notification is retried, not before the longest Retry-After;
 * otherwise (only refusals such as an invalid number) it is rejected.
 *
 * <p>A retry re-sends to every recipient, including those already reached: a duplicate text is a
 * smaller harm than an on-call engineer who was never told. Recipients are named by their position in
 * {@code to}, so the delivery log does not collect phone numbers.
 */
final class PhoneOutcome {
    /** Failures named in the detail; the rest are only counted. */
    private static final int MAX_NAMED = 3;

    private final List<String> failures = new ArrayList<>();
    private int sent;
    private int delivered;
    private Attempt firstRetry;
    private Attempt firstRejected;
    private Duration retryAfter;

    void add(String what, Attempt a) {
        sent++;
        switch (a.outcome()) {
            case DELIVERED -> delivered++;
            case RETRY -> {
                firstRetry = firstRetry == null ? a : firstRetry;
                if (a.retryAfter() != null && (retryAfter == null || a.retryAfter().compareTo(retryAfter) > 0)) {
                    retryAfter = a.retryAfter();
                }
                failures.add(what + ": " + a.detail());
            }
            case REJECTED -> {
                firstRejected = firstRejected == null ? a : firstRejected;
                failures.add(what + ": " + a.detail());
            }
        }
    }

    Attempt attempt(int deliveredStatus) {
        if (firstRetry == null && firstRejected == null) {
            return Attempt.delivered(deliveredStatus);
        }
        StringBuilder detail = new StringBuilder().append(delivered).append(" of ").append(sent).append(" delivered; ");
        detail.append(String.join("; ", failures.subList(0, Math.min(MAX_NAMED, failures.size()))));
        if (failures.size() > MAX_NAMED) {
            detail.append("; and ").append(failures.size() - MAX_NAMED).append(" more");
        }
        if (firstRetry != null) {
            return Attempt.retry(firstRetry.statusCode(), retryAfter, detail.append(" (a retry sends to all again)").toString());
        }
        return Attempt.rejected(firstRejected.statusCode(), detail.toString());
    }
}

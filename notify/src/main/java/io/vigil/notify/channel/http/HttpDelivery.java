package io.vigil.notify.channel.http;

import io.vigil.notify.channel.Attempt;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Sending one HTTP request for an HTTP-based channel (webhook, PagerDuty, phone) and deciding what
 * its answer means, the same way for all of them:
 *
 * <ul>
 *   <li>2xx: delivered;</li>
 *   <li>408, 425, 429 and 5xx: retry, not before {@code Retry-After} (seconds or an HTTP date) when given;</li>
 *   <li>any other 4xx: rejected, retrying would only repeat the refusal;</li>
 *   <li>no answer (timeout, connection refused or reset): retry.</li>
 * </ul>
 *
 * The attempt's detail names the status or the kind of failure, never the URL (it may carry a token)
 * nor a header value.
 */
public final class HttpDelivery {
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER).build();
    /** A receiver cannot push a retry further than this. */
    static final Duration MAX_RETRY_AFTER = Duration.ofHours(1);

    private HttpDelivery() {
    }

    /** Sends {@code request} (which carries its own timeout) and classifies the outcome. */
    public static Attempt send(HttpRequest request) {
        try {
            HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            return classify(response.statusCode(), response.headers().firstValue("Retry-After").orElse(null));
        } catch (HttpTimeoutException e) {
            return Attempt.retry(0, null, "no answer within " + request.timeout().map(Duration::toString).orElse("the timeout"));
        } catch (ConnectException e) {
            return Attempt.retry(0, null, "connection refused");
        } catch (IOException e) {
            return Attempt.retry(0, null, "connection failed (" + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Attempt.retry(0, null, "interrupted");
        }
    }

    public static Attempt classify(int status, String retryAfter) {
        if (status >= 200 && status < 300) {
            return Attempt.delivered(status);
        }
        if (status == 408 || status == 425 || status == 429 || status >= 500) {
            return Attempt.retry(status, parseRetryAfter(retryAfter, Instant.now()), "HTTP " + status);
        }
        return Attempt.rejected(status, "HTTP " + status + " (not retried)");
    }

    /** Seconds or an HTTP date; null when absent or unparseable; capped at an hour. */
    public static Duration parseRetryAfter(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return null;
        }
        Duration d;
        try {
            d = Duration.ofSeconds(Math.max(0, Long.parseLong(value.trim())));
        } catch (NumberFormatException notSeconds) {
            try {
                d = Duration.between(now, ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
                if (d.isNegative()) {
                    d = Duration.ZERO;
                }
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
        return d.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : d;
    }
}

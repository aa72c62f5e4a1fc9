package io.vigil.notify.pipeline;

import io.vigil.notify.NotifyConfig;
import io.vigil.notify.channel.ReceiverConfig;
import io.vigil.notify.channel.ReceiverConfigException;
import java.time.Duration;

/**
 * How one receiver's notifications are retried and paced; from the receiver's {@code retry_for} and
 * {@code max_per_minute} settings, with defaults from {@link NotifyConfig}.
 */
public record DeliveryPolicy(Duration retryFor, int maxPerMinute, Duration initialBackoff, Duration maxBackoff) {

    public static DeliveryPolicy of(ReceiverConfig receiver, NotifyConfig defaults) throws ReceiverConfigException {
        Duration retryFor = receiver.duration("retry_for", defaults.retryFor());
        String perMinute = receiver.optionalString("max_per_minute");
        int max = 0;
        if (perMinute != null) {
            try {
                max = Integer.parseInt(perMinute.trim());
            } catch (NumberFormatException e) {
                max = -1;
            }
            if (max <= 0) {
                throw new ReceiverConfigException(receiver.where() + ": receiver \"" + receiver.name()
                        + "\": max_per_minute must be a positive whole number");
            }
        }
        return new DeliveryPolicy(retryFor, max, defaults.initialBackoff(), defaults.maxBackoff());
    }

    /**
     * The wait before retry number {@code retry} (1 = first retry): exponential with full jitter,
     * but never sooner than the receiver's Retry-After.
     */
    public Duration backoff(int retry, Duration retryAfter, double random) {
        long cap = Math.min(maxBackoff.toMillis(), initialBackoff.toMillis() << Math.min(retry - 1, 20));
        long jittered = (long) (cap / 2 + random * cap / 2);
        long wait = retryAfter == null ? jittered : Math.max(jittered, retryAfter.toMillis());
        return Duration.ofMillis(wait);
    }
}

package io.vigil.notify.pipeline;

import io.vigil.kafka.NotificationCodec;
import io.vigil.model.Notification;
import io.vigil.notify.channel.Attempt;
import io.vigil.notify.channel.Channel;
import io.vigil.notify.log.DeliveryLog;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Delivers one receiver's notifications, one at a time and in order, on its own thread, so a slow or
 * failing receiver only ever delays itself. For each notification: skip it if the delivery log says it
 * reached a final state already (a redelivery); otherwise attempt, retry with backoff and jitter
 * (never sooner than Retry-After) until delivered, rejected, or the receiver's retry budget is spent;
 * rejected and given-up notifications go to the dead-letter topic. Every attempt is logged.
 */
public final class ReceiverWorker {
    private static final Logger LOG = Logger.getLogger(ReceiverWorker.class);

    private final Channel channel;
    private final DeliveryPolicy policy;
    private final DeliveryLog log;
    private final DeadLetters deadLetters;
    private final Consumer<Delivery> onFinished;
    private final LinkedBlockingQueue<Delivery> queue = new LinkedBlockingQueue<>();
    private final ArrayDeque<Long> recentSends = new ArrayDeque<>();
    private final Thread thread;
    private volatile boolean running = true;

    public ReceiverWorker(Channel channel, DeliveryPolicy policy, DeliveryLog log, DeadLetters deadLetters,
            Consumer<Delivery> onFinished) {
        this.channel = channel;
        this.policy = policy;
        this.log = log;
        this.deadLetters = deadLetters;
        this.onFinished = onFinished;
        this.thread = Thread.ofVirtual().name("vigil-notify-" + channel.receiver()).start(this::run);
    }

    public void submit(Delivery delivery) {
        queue.add(delivery);
    }

    public void stop() {
        running = false;
        thread.interrupt();
    }

    private void run() {
        while (running) {
            Delivery d;
            try {
                d = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            try {
                if (deliver(d)) {
                    onFinished.accept(d);
                }
            } catch (InterruptedException e) {
                // Shutting down: the record is not committed, a restart delivers it.
                return;
            }
        }
    }

    /** Returns true when the notification reached a final outcome (and its offset may be committed). */
    boolean deliver(Delivery d) throws InterruptedException {
        Notification n = d.notification();
        String state = withDatabase(() -> log.beginAttempt(n.id(), channel.receiver()));
        if (DeliveryLog.DELIVERED.equals(state) || DeliveryLog.DEAD.equals(state)) {
            withDatabase(() -> {
                log.record(n.id(), channel.receiver(), channel.type(), "skipped_duplicate", 0, 0,
                        "already " + state + "; not sent again", null);
                return null;
            });
            return true;
        }
        long deadline = System.nanoTime() + policy.retryFor().toNanos();
        for (int retry = 1; running; retry++) {
            if (retry > 1) {
                withDatabase(() -> log.beginAttempt(n.id(), channel.receiver()));
            }
            pace();
            long start = System.nanoTime();
            Attempt a = channel.deliver(n);
            long latency = (System.nanoTime() - start) / 1_000_000;
            switch (a.outcome()) {
                case DELIVERED -> {
                    recordOutcome(n, "delivered", a, latency, DeliveryLog.DELIVERED);
                    return true;
                }
                case REJECTED -> {
                    deadLetter(d, "rejected by " + channel.type() + ": " + a.detail());
                    recordOutcome(n, "rejected", a, latency, DeliveryLog.DEAD);
                    return true;
                }
                default -> {
                    Duration wait = policy.backoff(retry, a.retryAfter(), ThreadLocalRandom.current().nextDouble());
                    if (System.nanoTime() + wait.toNanos() > deadline) {
                        deadLetter(d, "gave up after " + retry + " attempts in " + policy.retryFor() + "; last: " + a.detail());
                        recordOutcome(n, "gave_up", a, latency, DeliveryLog.DEAD);
                        return true;
                    }
                    recordOutcome(n, "retry", a, latency, DeliveryLog.RETRYING);
                    Thread.sleep(wait.toMillis());
                }
            }
        }
        return false;
    }

    private void recordOutcome(Notification n, String outcome, Attempt a, long latency, String state) throws InterruptedException {
        withDatabase(() -> {
            log.record(n.id(), channel.receiver(), channel.type(), outcome, a.statusCode(), latency, a.detail(), state);
            return null;
        });
    }

    private void deadLetter(Delivery d, String reason) throws InterruptedException {
        if (!deadLetters.publish(NotificationCodec.key(d.notification()), d.raw(), channel.receiver(), reason)) {
            throw new InterruptedException("shutdown while dead-lettering");
        }
    }

    /** Keeps to max_per_minute: waits until the oldest of the last N sends is a minute old. */
    private void pace() throws InterruptedException {
        int max = policy.maxPerMinute();
        if (max <= 0) {
            return;
        }
        long now = System.currentTimeMillis();
        while (!recentSends.isEmpty() && recentSends.peekFirst() <= now - 60_000) {
            recentSends.pollFirst();
        }
        if (recentSends.size() >= max) {
            Thread.sleep(Math.max(0, recentSends.peekFirst() + 60_000 - now));
            recentSends.pollFirst();
        }
        recentSends.addLast(System.currentTimeMillis());
    }

    private interface Sql<T> {
        T run() throws SQLException;
    }

    /**
     * The delivery log decides whether to send, so without the database nothing is sent: wait for it
     * (a late page beats a duplicate storm) with backoff, until shutdown.
     */
    private <T> T withDatabase(Sql<T> action) throws InterruptedException {
        long backoff = 500;
        while (true) {
            try {
                return action.run();
            } catch (SQLException e) {
                if (!running) {
                    throw new InterruptedException("shutdown");
                }
                LOG.warnf("delivery log unavailable for %s, waiting %d ms: %s", channel.receiver(), backoff, e.getMessage());
                Thread.sleep(backoff);
                backoff = Math.min(backoff * 2, 30_000);
            }
        }
    }
}

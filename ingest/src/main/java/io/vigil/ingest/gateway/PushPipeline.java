package io.vigil.ingest.gateway;

import io.vigil.kafka.SampleBatchCodec;
import io.vigil.kafka.SampleRecordBuilder;
import io.vigil.wire.LabelBuffer;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The gateway hot path shared by every push protocol: {@link #open} a {@link PushBatch} per request,
 * let the protocol's parser fill it, then {@link PushBatch#publish} it.
 *
 * <p>Protection, all bounded: the samples-per-request limit (413), the per-metric new-series limit
 * ({@link NewSeriesLimiter}, 429), and back-pressure: the encoded bytes sent to Kafka and not yet
 * acknowledged are counted against {@code vigil.gateway.max-in-flight-bytes}; a request that does not
 * fit is answered 503 with Retry-After at once instead of queueing. Nothing is answered 2xx before
 * Kafka acknowledged it (acks=all, idempotent producer), so nothing acknowledged is lost.
 *
 * <p>Record builders are pooled, so a busy gateway encodes without allocating beyond the final
 * record copies and Kafka's own per-record objects.
 */
@ApplicationScoped
public class PushPipeline {
    private static final int POOLED_BUILDERS = 32;
    /** A builder that grew past this is dropped after use rather than kept in the pool. */
    private static final long MAX_POOLED_BYTES = 8L * 1024 * 1024;

    private final GatewayConfig config;
    private final SamplePublisher publisher;
    private final NewSeriesLimiter limiter;
    private final Semaphore inFlight;
    private final int maxInFlight;
    private final ArrayBlockingQueue<SampleRecordBuilder> pool = new ArrayBlockingQueue<>(POOLED_BUILDERS);

    PushPipeline(GatewayConfig config, SamplePublisher publisher) {
        this.config = config;
        this.publisher = publisher;
        this.limiter = new NewSeriesLimiter(config.maxNewSeriesPerMetricPerMinute(), config.recentSeriesCapacity(),
                config.recentSeriesWindow().toMillis());
        this.maxInFlight = (int) Math.min(Integer.MAX_VALUE, config.maxInFlightBytes().asLongValue());
        this.inFlight = new Semaphore(maxInFlight);
    }

    /**
     * A batch for one request of {@code protocol} (a short name such as "remote-write", used in
     * reasons and metrics). When Kafka's partition count cannot be learnt (Kafka unreachable since
     * start-up), the batch ignores what it is fed and publishes UNAVAILABLE.
     */
    public PushBatch open(String protocol) {
        long now = System.currentTimeMillis();
        long maxAge = maxSampleAgeMillis();
        SampleRecordBuilder records = pool.poll();
        if (records == null) {
            records = new SampleRecordBuilder();
        }
        String unavailable = null;
        int partitions = 1;
        try {
            partitions = publisher.partitions();
        } catch (RuntimeException e) {
            unavailable = "samples cannot be stored now (Kafka unreachable: " + e.getClass().getSimpleName()
                    + "); retry after " + PushResponses.RETRY_AFTER_SECONDS + " s";
        }
        records.reset(partitions);
        return new PushBatch(this, protocol, records, config.maxSamplesPerRequest(), now - maxAge,
                now + config.maxSampleAhead().toMillis(), unavailable);
    }

    long maxSampleAgeMillis() {
        return config.maxSampleAge().toMillis();
    }

    boolean admitSeries(long seriesId, LabelBuffer labels) {
        return limiter.admit(seriesId, labels.bytes(), labels.nameOffset(), labels.nameLength(), System.currentTimeMillis());
    }

    CompletionStage<PushOutcome> finished(PushBatch batch, PushOutcome outcome) {
        recycle(batch.records());
        return CompletableFuture.completedFuture(outcome);
    }

    /** Sends the batch's closed records; the builder goes back to the pool once they are handed to Kafka. */
    CompletionStage<PushOutcome> send(PushBatch batch, SampleRecordBuilder records) {
        int n = records.recordCount();
        if (n == 0) {
            return finished(batch, batch.stored(0));
        }
        int bytes = (int) Math.min(maxInFlight, records.recordBytes());
        if (!inFlight.tryAcquire(bytes)) {
            return finished(batch, PushOutcome.refused(PushOutcome.Status.UNAVAILABLE,
                    "the gateway has " + (maxInFlight - inFlight.availablePermits()) / (1024 * 1024)
                            + " MB waiting for Kafka to acknowledge; retry after " + PushResponses.RETRY_AFTER_SECONDS + " s"));
        }
        int seriesEntries = records.seriesEntries();
        CompletableFuture<?>[] acks = new CompletableFuture<?>[n];
        AtomicInteger pending = new AtomicInteger(n);
        for (int i = 0; i < n; i++) {
            acks[i] = publisher.send(records.recordPartition(i), SampleBatchCodec.key(records.recordFirstSeriesId(i)),
                    records.recordValue(i));
            // The bytes stay counted until Kafka is done with every record, whatever the HTTP answer.
            acks[i].whenComplete((ok, error) -> {
                if (pending.decrementAndGet() == 0) {
                    inFlight.release(bytes);
                }
            });
        }
        recycle(records);
        return CompletableFuture.allOf(acks).orTimeout(config.kafkaAckTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .handle((ok, error) -> {
                    if (error == null) {
                        return batch.stored(seriesEntries);
                    }
                    Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
                    PushResponses.warnUnacknowledged(cause);
                    return PushOutcome.refused(PushOutcome.Status.UNAVAILABLE, "samples could not be stored (Kafka: "
                            + cause.getClass().getSimpleName() + "); retry after " + PushResponses.RETRY_AFTER_SECONDS + " s");
                });
    }

    private void recycle(SampleRecordBuilder records) {
        if (records.retainedBytes() <= MAX_POOLED_BYTES) {
            records.reset(1);
            pool.offer(records);
        }
    }
}

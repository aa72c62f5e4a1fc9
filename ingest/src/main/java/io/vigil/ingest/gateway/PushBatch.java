package io.vigil.ingest.gateway;

import io.vigil.kafka.SampleBatchCodec;
import io.vigil.kafka.SampleRecordBuilder;
import io.vigil.model.SeriesRules;
import io.vigil.wire.LabelBuffer;
import io.vigil.wire.SampleSink;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * One push request on its way to Kafka: a protocol parser feeds it series and samples (it is a
 * {@link SampleSink}), it validates each with the shared rules, computes series ids and encodes the
 * accepted ones straight into per-partition record buffers, all without allocating per series or
 * sample (a refusal allocates its reason). {@link #publish} sends the records and completes once
 * Kafka acknowledged all of them.
 *
 * <pre>{@code
 * PushBatch batch = pipeline.open("remote-write");
 * parser.parse(body, batch);              // calls beginSeries / sample / reject
 * return batch.publish().thenApply(outcome -> answer(PushResponses.status(outcome), outcome));
 * }</pre>
 *
 * <p>Values: every double is accepted, NaN payloads bit-exact (Prometheus staleness markers, NaN and
 * ±Inf are legitimate Prometheus values), unless {@link #finiteValuesOnly} was called (Vigil's JSON
 * push, whose format has no NaN and where one is a sender's mistake). Used by one thread at a time.
 */
public final class PushBatch implements SampleSink {
    /** Refusal reasons listed in the outcome; the rest are only counted. */
    public static final int MAX_LISTED_REASONS = 100;
    private static final int MAX_LISTED_METRICS = 10;

    private final PushPipeline pipeline;
    private final String protocol;
    private final SampleRecordBuilder records;
    private final int maxSamples;
    private final long oldest;
    private final long newest;
    private final String unavailable;
    private boolean finiteOnly;
    private LabelBuffer series;
    private boolean inSeries;
    private int samplesOffered;
    private int samplesAccepted;
    private int rejected;
    private List<String> reasons;
    private String lastReason;
    private int limitedSeries;
    private List<String> limitedMetrics;
    private boolean published;

    PushBatch(PushPipeline pipeline, String protocol, SampleRecordBuilder records, int maxSamples, long oldest, long newest,
            String unavailable) {
        this.pipeline = pipeline;
        this.protocol = protocol;
        this.records = records;
        this.maxSamples = maxSamples;
        this.oldest = oldest;
        this.newest = newest;
        this.unavailable = unavailable;
    }

    /** Refuses NaN and ±Inf values (for formats where they can only be a mistake). */
    public PushBatch finiteValuesOnly() {
        finiteOnly = true;
        return this;
    }

    public String protocol() {
        return protocol;
    }

    @Override
    public boolean beginSeries(LabelBuffer labels) {
        return begin(labels, 0);
    }

    @Override
    public boolean beginDeltaSeries(LabelBuffer labels) {
        return begin(labels, SampleBatchCodec.FLAG_DELTA);
    }

    private boolean begin(LabelBuffer labels, int flags) {
        inSeries = false;
        series = labels;
        if (isTooLarge() || unavailable != null) {
            return false;
        }
        String problem = SeriesChecks.check(labels);
        if (problem != null) {
            reject(problem);
            return false;
        }
        long id = labels.seriesId();
        if (!pipeline.admitSeries(id, labels)) {
            seriesLimited(labels);
            return false;
        }
        records.beginSeries(id, flags, labels);
        inSeries = true;
        return true;
    }

    @Override
    public void sample(long timestampMillis, double value) {
        if (!inSeries) {
            return;
        }
        if (++samplesOffered > maxSamples) {
            inSeries = false;
            return;
        }
        if (timestampMillis < oldest || timestampMillis > newest) {
            long now = oldest + pipeline.maxSampleAgeMillis();
            reject(SeriesChecks.describe(series) + ": " + SeriesRules.checkTimestamp(timestampMillis, now,
                    pipeline.maxSampleAgeMillis(), newest - now));
            return;
        }
        if (finiteOnly && (Double.isNaN(value) || Double.isInfinite(value))) {
            reject(SeriesRules.checkValue(value));
            return;
        }
        records.sample(timestampMillis, value);
        samplesAccepted++;
    }

    @Override
    public void reject(String reason) {
        rejected++;
        lastReason = reason;
        if (reasons == null) {
            reasons = new ArrayList<>();
        }
        if (reasons.size() < MAX_LISTED_REASONS) {
            reasons.add(reason);
        }
    }

    /** True once the request passed the samples-per-request limit: it will be refused whole (413). */
    public boolean isTooLarge() {
        return samplesOffered > maxSamples;
    }

    /** Items refused so far. */
    public int rejectedCount() {
        return rejected;
    }

    /** The reason of the latest refusal (for protocols that report refusals per item), or null. */
    public String lastRejection() {
        return lastReason;
    }

    public int samplesAccepted() {
        return samplesAccepted;
    }

    private void seriesLimited(LabelBuffer labels) {
        limitedSeries++;
        if (limitedMetrics == null) {
            limitedMetrics = new ArrayList<>();
        }
        if (limitedMetrics.size() < MAX_LISTED_METRICS) {
            String name = labels.name();
            if (!limitedMetrics.contains(name)) {
                limitedMetrics.add(name);
            }
        }
    }

    /**
     * Sends the accepted samples to Kafka. Completes (never exceptionally) with the outcome once
     * Kafka acknowledged every record, or with UNAVAILABLE when it did not in time or the gateway has
     * too much waiting for acknowledgements; with TOO_LARGE at once when the request broke the limit.
     */
    public CompletionStage<PushOutcome> publish() {
        if (published) {
            throw new IllegalStateException("push batch published twice");
        }
        published = true;
        if (unavailable != null) {
            return pipeline.finished(this, PushOutcome.refused(PushOutcome.Status.UNAVAILABLE, unavailable));
        }
        if (isTooLarge()) {
            return pipeline.finished(this, PushOutcome.refused(PushOutcome.Status.TOO_LARGE, "more than " + maxSamples
                    + " samples in one request; split it (nothing of this request was stored)"));
        }
        records.finish();
        return pipeline.send(this, records);
    }

    /** Drops everything fed so far without sending it (the body turned out unreadable). */
    public void discard() {
        if (!published) {
            published = true;
            pipeline.finished(this, null);
        }
    }

    /** The outcome once the accepted samples are in Kafka. */
    PushOutcome stored(int seriesEntries) {
        PushOutcome.Status status = limitedSeries > 0 ? PushOutcome.Status.SERIES_LIMITED
                : rejected > 0 ? PushOutcome.Status.PARTIAL : PushOutcome.Status.STORED;
        return new PushOutcome(status, samplesAccepted, seriesEntries, rejected, reasons == null ? List.of() : reasons,
                limitedSeries, limitedMetrics == null ? List.of() : limitedMetrics, null);
    }

    SampleRecordBuilder records() {
        return records;
    }
}

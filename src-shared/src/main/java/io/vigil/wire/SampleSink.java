package io.vigil.wire;

/**
 * Where a protocol parser puts what it decoded, without allocating per sample: the parser fills a
 * reusable {@link LabelBuffer} for each series, calls {@link #beginSeries}, then {@link #sample} for
 * each of its samples. The buffer is only valid until the next {@code beginSeries}.
 *
 * <pre>{@code
 * LabelBuffer labels = new LabelBuffer();
 * labels.reset();
 * labels.setName("cpu_usage_user");
 * labels.addLabel("host", "i631");
 * if (sink.beginSeries(labels)) {
 *     sink.sample(1_700_000_000_000L, 0.25);
 * }
 * }</pre>
 *
 * <p>A parser that meets an item it cannot accept (an invalid series, a malformed line) calls
 * {@link #reject} with the reason and goes on with the next item, so that the valid rest of a request
 * is kept; a body it cannot read at all makes it throw {@link WireFormatException}.
 */
public interface SampleSink {
    /** Starts a series. Returns false when the sink refuses it; its samples are then skipped by the parser. */
    boolean beginSeries(LabelBuffer labels);

    /**
     * Starts a series whose samples are deltas (OTLP delta temporality): each sample is the increase
     * since the previous one, and the series must be stored as the running total so that rate() and
     * increase() work. Sinks that cannot accumulate refuse it.
     */
    default boolean beginDeltaSeries(LabelBuffer labels) {
        reject("series " + labels.name() + ": delta temporality is not accepted here");
        return false;
    }

    /** A sample of the current series. Stale markers are passed as the NaN they are encoded as. */
    void sample(long timestampMillis, double value);

    /** An item the parser skipped, with the reason to report to the sender (e.g. "line 3: missing field value"). */
    void reject(String reason);
}

package io.vigil.wire.influx;

/**
 * What one {@link InfluxLineParser#parse} call found.
 *
 * @param lines          points read (blank lines and comments not counted), valid or not
 * @param samples        samples handed to the sink (one per numeric field of a valid line)
 * @param rejectedLines  lines refused with a reason (each reported through {@code SampleSink.reject})
 * @param stringFields   string fields skipped: a string is not a metric value, so it is dropped, not refused
 * @param stopped        true when the parse ended early because {@code maxSamples} samples were handed over
 */
public record InfluxParseResult(int lines, int samples, int rejectedLines, int stringFields, boolean stopped) {
}

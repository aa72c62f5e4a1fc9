package io.vigil.wire.influx;

import io.vigil.wire.SampleSink;

/**
 * Streaming parser of InfluxDB line protocol (1.x {@code /write} and 2.x {@code /api/v2/write}
 * bodies), handing each numeric field to a {@link SampleSink} without allocating per sample.
 *
 * <pre>{@code
 * InfluxParseResult r = InfluxLineParser.parse(body, 0, body.length, receivedAt, Precision.ofV2("ms"), sink);
 * }</pre>
 *
 * <p>A line is {@code measurement[,tag=value...] field=value[,field=value...] [timestamp]}:
 * <ul>
 *   <li><b>Names.</b> Each numeric field becomes one sample of the series
 *       {@code <measurement>_<field>{<tags>}}, as Telegraf's Prometheus output names them:
 *       {@code cpu,host=a usage_user=0.5} is {@code cpu_usage_user{host="a"}}. Characters a Prometheus
 *       name cannot hold become {@code _} ({@code disk-io,dev=sda} → {@code disk_io_...}, label keys
 *       likewise); a leading digit gets a {@code _} in front. Tag values are kept verbatim. There is no
 *       special case for a field called {@code value}: {@code temp value=1} is {@code temp_value}.</li>
 *   <li><b>Escapes.</b> A backslash escapes comma and space in the measurement; comma, equals sign and
 *       space in tag keys, tag values and field keys; double quote in string values; and itself
 *       everywhere ({@code \\} is one backslash). A backslash before anything else is a backslash.</li>
 *   <li><b>Values.</b> Floats ({@code 1}, {@code -1.5}, {@code 1e-3}), integers {@code 12i}, unsigned
 *       {@code 12u} (both converted to double: beyond 2^53 they are rounded), booleans
 *       ({@code t T true True TRUE} → 1, {@code f F false False FALSE} → 0). String values
 *       ({@code "…"}) are not metrics: they are skipped and counted in
 *       {@link InfluxParseResult#stringFields()}, the line's other fields are kept.</li>
 *   <li><b>Timestamps</b> are integers in the request's {@link Precision}, converted to milliseconds
 *       (finer units floored). A line without one gets {@code nowMillis}, the same for the whole
 *       request, as InfluxDB uses the server's time.</li>
 *   <li><b>Lines</b> end with LF or CRLF; blank lines and lines starting with {@code #} are ignored;
 *       spaces and tabs around a line are ignored. Strings cannot span lines, as the spec says.</li>
 * </ul>
 *
 * <p>A line that breaks these rules is refused as a whole through {@link SampleSink#reject} with
 * {@code "line N: reason"} (N counts from 1 over every line of the body) and the next line is read,
 * so the valid lines of a body are kept. Names are not validated beyond their syntax here: the
 * sink applies the rules shared by every protocol ({@code SeriesRules}).
 *
 * <p>Limits, so that a hostile body costs time in proportion to its size: a line may have at most 64
 * tags (the series limit) and 16 KiB of tag bytes (each field copies them), 65,536 fields, and a
 * measurement of at most 256 characters.
 */
public final class InfluxLineParser {
    private InfluxLineParser() {
    }

    /** Parses {@code body[offset, offset + length)} completely. */
    public static InfluxParseResult parse(byte[] body, int offset, int length, long nowMillis, Precision precision,
            SampleSink sink) {
        return parse(body, offset, length, nowMillis, precision, sink, Integer.MAX_VALUE);
    }

    /**
     * Like {@link #parse(byte[], int, int, long, Precision, SampleSink)}, but stops once {@code maxSamples}
     * samples were handed to the sink ({@link InfluxParseResult#stopped()} then says so). A gateway
     * passes one more than it accepts per request, so it learns the request is too large without
     * reading all of it.
     */
    public static InfluxParseResult parse(byte[] body, int offset, int length, long nowMillis, Precision precision,
            SampleSink sink, int maxSamples) {
        java.util.Objects.checkFromIndexSize(offset, length, body.length);
        return new LineReader(body, nowMillis, precision, sink, maxSamples).read(offset, offset + length);
    }
}

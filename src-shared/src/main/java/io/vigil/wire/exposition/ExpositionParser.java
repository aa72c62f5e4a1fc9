package io.vigil.wire.exposition;

import io.vigil.wire.LabelBuffer;
import io.vigil.wire.SampleSink;
import io.vigil.wire.WireFormatException;
import java.util.Objects;

/**
 * Streaming parser for the Prometheus text exposition format 0.0.4 and OpenMetrics 1.0 text, over bytes,
 * allocating nothing per sample (one String for a value of more than 15 significant digits, see
 * {@link ExpositionNumbers}).
 *
 * <pre>{@code
 * ExpositionParser.parse(body, 0, body.length, System.currentTimeMillis(),
 *         ExpositionFormat.fromContentType(contentType), sink);
 * }</pre>
 *
 * <p><b>Errors.</b> In the text format 0.0.4 an invalid line is reported to {@link SampleSink#reject} as
 * {@code "line N: reason"} and the parser goes on, so the valid rest of a body is kept. OpenMetrics says
 * "partial or invalid expositions MUST be considered erroneous in their entirety": there the first error
 * (including a missing {@code # EOF}, text after it, a blank line or a carriage return) throws
 * {@link WireFormatException} with the line and reason, and the caller must discard whatever samples the
 * sink had already been given (publish only after this method returned).
 *
 * <p><b>Families.</b> A family is started by metadata (TYPE, HELP, UNIT) or by a sample whose name is not
 * one of the current family's sample names ({@link MetricType} lists the suffixes per type and format);
 * such a family has no type. Checked where the formats require it: one TYPE/HELP/UNIT line per family and
 * none after its samples; histogram buckets carry a numeric {@code le}, summary quantiles a numeric
 * {@code quantile} (OpenMetrics: within [0, 1]); no label name twice. OpenMetrics also: families not
 * repeated or interleaved, a UNIT is the suffix of the family name and info/stateset have none, info
 * samples are 1, stateset samples are 0 or 1 and carry the label named after the family.
 *
 * <p><b>{@code _created}.</b> In OpenMetrics the {@code _created} samples of counters, histograms and
 * summaries are the creation time of the series, not a measurement: they are checked and dropped (a
 * gauge of Unix times would only cost a series and mislead). In the text format 0.0.4 there is no such
 * notion: a {@code foo_created} sample is a sample of its own (untyped) family, as Prometheus stores it.
 *
 * <p><b>Times.</b> Samples without a timestamp get {@code defaultTimeMillis}. The text format gives
 * milliseconds, OpenMetrics seconds (a real number, truncated to the millisecond). Exemplars
 * ({@code # {labels} value [time]}, OpenMetrics only) are checked and dropped.
 */
public final class ExpositionParser {
    private static final String EOF_REACHED = "eof";

    private final SampleLine line = new SampleLine();
    private final MetadataLine meta = new MetadataLine();
    private final FamilyState family = new FamilyState();
    private ExpositionFormat format;
    private SampleSink sink;
    private FamilyListener listener;
    private long defaultTime;

    /** Parses a whole body into {@code sink}. */
    public static void parse(byte[] body, int off, int len, long defaultTimeMillis, ExpositionFormat format, SampleSink sink) {
        new ExpositionParser().read(body, off, len, defaultTimeMillis, format, sink, null);
    }

    /** Parses a whole body into {@code sink}, telling {@code families} (nullable) about each family first. */
    public static void parse(byte[] body, int off, int len, long defaultTimeMillis, ExpositionFormat format, SampleSink sink,
            FamilyListener families) {
        new ExpositionParser().read(body, off, len, defaultTimeMillis, format, sink, families);
    }

    /** Like {@link #parse}, reusing this parser's buffers (one parser per thread, e.g. per scrape worker). */
    public void read(byte[] body, int off, int len, long defaultTimeMillis, ExpositionFormat format, SampleSink sink,
            FamilyListener families) {
        Objects.checkFromIndexSize(off, len, body.length);
        this.format = Objects.requireNonNull(format, "format");
        this.sink = sink;
        this.listener = families;
        this.defaultTime = defaultTimeMillis;
        family.clear();
        boolean openMetrics = format == ExpositionFormat.OPENMETRICS;
        int end = off + len;
        int lineNumber = 0;
        boolean eof = false;
        for (int p = off; p < end; ) {
            lineNumber++;
            int newline = indexOfNewline(body, p, end);
            int lineEnd = newline < 0 ? end : newline;
            if (eof) {
                throw new WireFormatException("line " + lineNumber + ": text after \"# EOF\"");
            }
            String problem = openMetrics ? openMetricsLine(body, p, lineEnd) : textLine(body, p, lineEnd);
            if (problem == EOF_REACHED) {
                eof = true;
            } else if (problem != null) {
                if (openMetrics) {
                    throw new WireFormatException("line " + lineNumber + ": " + problem);
                }
                sink.reject("line " + lineNumber + ": " + problem);
            }
            p = newline < 0 ? end : newline + 1;
        }
        if (openMetrics && !eof) {
            throw new WireFormatException(len == 0 ? "empty body: an OpenMetrics exposition ends with \"# EOF\""
                    : "no \"# EOF\" after line " + lineNumber + ": the OpenMetrics exposition is incomplete");
        }
    }

    private String textLine(byte[] b, int from, int to) {
        while (from < to && (b[from] == ' ' || b[from] == '\t')) {
            from++;
        }
        if (to > from && b[to - 1] == '\r') {
            to--;
        }
        while (to > from && (b[to - 1] == ' ' || b[to - 1] == '\t')) {
            to--;
        }
        if (from == to) {
            return null;
        }
        return b[from] == '#' ? metadata(b, from, to) : sample(b, from, to);
    }

    private String openMetricsLine(byte[] b, int from, int to) {
        if (from == to) {
            return "empty line (OpenMetrics allows none)";
        }
        if (b[to - 1] == '\r') {
            return "carriage return at the end of the line (OpenMetrics lines end with \\n alone)";
        }
        return b[from] == '#' ? metadata(b, from, to) : sample(b, from, to);
    }

    private String metadata(byte[] b, int from, int to) {
        String problem = meta.parse(b, from, to, format);
        if (problem != null || meta.kind == MetadataLine.Kind.COMMENT) {
            return problem;
        }
        if (meta.kind == MetadataLine.Kind.EOF) {
            return EOF_REACHED;
        }
        byte[] nb = meta.name.bytes();
        int nl = meta.name.position();
        if (!family.is(nb, 0, nl) || family.hasSamples) {
            if (family.is(nb, 0, nl)) {
                return meta.kind + " line for " + meta.nameText() + " after its samples";
            }
            if (!family.start(nb, 0, nl)) {
                return "metric family " + meta.nameText() + " appeared above already (a family's lines must stay together)";
            }
        }
        byte[] tb = meta.text.bytes();
        int tl = meta.text.position();
        switch (meta.kind) {
            case TYPE -> {
                if (family.typed) {
                    return "second TYPE line for " + meta.nameText();
                }
                family.type = meta.type;
                family.typed = true;
            }
            case HELP -> {
                if (family.hasHelp()) {
                    return "second HELP line for " + meta.nameText();
                }
                family.help(tb, 0, tl);
            }
            default -> {
                if (family.hasUnit()) {
                    return "second UNIT line for " + meta.nameText();
                }
                family.unit(tb, 0, tl);
                if (!family.nameEndsWithUnit()) {
                    return "the family name " + meta.nameText() + " must end with \"_" + Names.excerpt(tb, 0, tl)
                            + "\" to have that UNIT";
                }
            }
        }
        if (family.hasUnit() && family.unitText() != null && (family.type == MetricType.INFO || family.type == MetricType.STATESET)) {
            return family.type.typeName(format) + " family " + meta.nameText() + " must not have a UNIT";
        }
        return null;
    }

    private String sample(byte[] b, int from, int to) {
        boolean openMetrics = format == ExpositionFormat.OPENMETRICS;
        String problem = line.parse(b, from, to, openMetrics);
        if (problem != null) {
            return problem;
        }
        LabelBuffer labels = line.labels;
        byte[] lb = labels.bytes();
        String suffix = family.suffixOf(lb, labels.nameOffset(), labels.nameLength(), format);
        if (suffix == null) {
            if (family.is(lb, labels.nameOffset(), labels.nameLength())) {
                return "sample " + labels.name() + " does not fit its " + family.type.typeName(format) + " family (sample names: "
                        + sampleNames(family.type) + ")";
            }
            if (!family.start(lb, labels.nameOffset(), labels.nameLength()) && openMetrics) {
                return "metric family " + labels.name() + " appeared above already (families must not be interleaved)";
            }
            suffix = "";
        }
        family.hasSamples = true;
        problem = SampleRules.check(family, suffix, labels, line.value, format);
        if (problem != null) {
            return problem;
        }
        if (openMetrics && suffix.equals("_created")) {
            return null;
        }
        int repeated = labels.sort();
        if (repeated >= 0) {
            return "label " + Names.excerpt(lb, labels.keyOffset(repeated), labels.keyOffset(repeated)
                    + labels.keyLength(repeated)) + " appears twice in a sample of " + labels.name();
        }
        if (listener != null && !family.reported) {
            family.reported = true;
            listener.family(family.name(), family.type, family.helpText(), family.unitText());
        }
        if (sink.beginSeries(labels)) {
            sink.sample(line.hasTimestamp ? line.timestampMillis : defaultTime, line.value);
        }
        return null;
    }

    private String sampleNames(MetricType type) {
        StringBuilder s = new StringBuilder();
        for (String suffix : type.suffixes(format)) {
            s.append(s.isEmpty() ? "" : ", ").append(family.name()).append(suffix);
        }
        return s.toString();
    }

    private static int indexOfNewline(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }
}

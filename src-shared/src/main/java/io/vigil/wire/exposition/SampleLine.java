package io.vigil.wire.exposition;

import io.vigil.model.SeriesRules;
import io.vigil.wire.LabelBuffer;

/**
 * The syntax of one sample line, {@code name{labels} value [timestamp] [# {exemplar labels} value [time]]},
 * read into a reusable {@link LabelBuffer} (label values unescaped on the way) without allocating.
 *
 * <p>Names may be written the Prometheus 3 / OpenMetrics 2 way, quoted inside the braces
 * ({@code {"my.metric", "label.name"="v"}}), which is the only way to write names outside the legacy
 * character set; whether such a name may be stored is decided later by {@link SeriesRules}. Labels with an
 * empty value are dropped, as Prometheus does and OpenMetrics prescribes ("as if the label was not present").
 *
 * <p>Strict mode is OpenMetrics: single spaces between tokens, no trailing comma in braces, timestamps in
 * seconds, exemplars allowed. Lenient mode is the text format 0.0.4: blanks and tabs anywhere between
 * tokens, millisecond timestamps, no exemplars.
 */
final class SampleLine extends TextCursor {
    final LabelBuffer labels = new LabelBuffer();
    double value;
    long timestampMillis;
    boolean hasTimestamp;

    private final LabelBuffer exemplar = new LabelBuffer();

    /** Parses bytes [from, to) (without the line break). Returns null, or the reason the line is invalid. */
    String parse(byte[] bytes, int from, int to, boolean openMetrics) {
        at(bytes, from, to, openMetrics);
        hasTimestamp = false;
        labels.reset();
        if (b[p] != '{') {
            int start = p;
            p = Names.scanMetricName(b, p, end);
            if (p == start) {
                return "expected a metric name, found '" + Names.printable(b[p]) + "'";
            }
            labels.setName(b, start, p - start);
        }
        int beforeBlanks = p;
        skipBlanks();
        if (p < end && b[p] == '{') {
            String problem = readLabels(labels, true);
            if (problem != null) {
                return problem;
            }
        } else {
            p = beforeBlanks;
        }
        if (!labels.hasName()) {
            return "the sample has no metric name";
        }
        if (!separator()) {
            return p == end ? "metric " + labels.name() + " has no value"
                    : "expected a space after the metric name and labels of " + labels.name();
        }
        int valueStart = p;
        p = tokenEnd();
        value = ExpositionNumbers.parseValue(b, valueStart, p);
        if (ExpositionNumbers.isInvalid(value)) {
            return "metric " + labels.name() + " has an invalid value \"" + Names.excerpt(b, valueStart, p) + "\"";
        }
        if (p == end) {
            return null;
        }
        if (!separator()) {
            return "expected a space after the value of " + labels.name();
        }
        if (p == end) {
            return strict ? "trailing space after the sample of " + labels.name() : null;
        }
        if (b[p] != '#') {
            int timeStart = p;
            p = tokenEnd();
            timestampMillis = strict ? ExpositionNumbers.parseSecondsAsMillis(b, timeStart, p)
                    : ExpositionNumbers.parseMillis(b, timeStart, p);
            if (timestampMillis == ExpositionNumbers.INVALID_TIME) {
                return "metric " + labels.name() + " has an invalid timestamp \"" + Names.excerpt(b, timeStart, p) + "\""
                        + (strict ? " (OpenMetrics: seconds since the epoch)" : " (milliseconds since the epoch)");
            }
            hasTimestamp = true;
            if (p == end) {
                return null;
            }
            if (!separator() || p == end) {
                return "expected a space after the timestamp of " + labels.name();
            }
        }
        if (b[p] != '#') {
            return "unexpected text \"" + Names.excerpt(b, p, end) + "\" after the timestamp of " + labels.name();
        }
        return strict ? skipExemplar() : "exemplars (\"# {...}\" after a sample) exist only in OpenMetrics";
    }

    /** {@code # {labels} value [timestamp]}: checked for syntax and dropped (Vigil stores no exemplars). */
    private String skipExemplar() {
        if (p + 2 >= end || b[p + 1] != ' ' || b[p + 2] != '{') {
            return "malformed exemplar after the sample of " + labels.name() + " (expected \" # {\")";
        }
        p += 2;
        exemplar.reset();
        String problem = readLabels(exemplar, false);
        if (problem != null) {
            return "exemplar of " + labels.name() + ": " + problem;
        }
        if (!separator()) {
            return "exemplar of " + labels.name() + " has no value";
        }
        int start = p;
        p = tokenEnd();
        if (ExpositionNumbers.isInvalid(ExpositionNumbers.parseValue(b, start, p))) {
            return "exemplar of " + labels.name() + " has an invalid value";
        }
        if (p < end) {
            if (!separator()) {
                return "unexpected text after the exemplar of " + labels.name();
            }
            start = p;
            p = tokenEnd();
            if (p != end || ExpositionNumbers.parseSecondsAsMillis(b, start, p) == ExpositionNumbers.INVALID_TIME) {
                return "exemplar of " + labels.name() + " has an invalid timestamp";
            }
        }
        return null;
    }

    /** Reads {@code {...}} starting at '{' into {@code into}; a quoted name alone is the metric name. */
    private String readLabels(LabelBuffer into, boolean metricNameAllowed) {
        p++;
        skipBlanks();
        if (p < end && b[p] == '}') {
            p++;
            return null;
        }
        while (true) {
            if (p == end) {
                return "unterminated label set";
            }
            int keyStart = into.position();
            if (b[p] == '"') {
                String problem = readQuoted(into);
                if (problem != null) {
                    return problem;
                }
                if (into.position() == keyStart) {
                    return "a quoted name is empty";
                }
                skipBlanks();
                if (p < end && (b[p] == ',' || b[p] == '}')) {
                    if (!metricNameAllowed || into.hasName()) {
                        return "a quoted name without '=' is a metric name, and there is already one";
                    }
                    into.nameFrom(keyStart);
                    String next = afterItem();
                    if (next != CONTINUE) {
                        return next;
                    }
                    continue;
                }
            } else {
                int start = p;
                p = Names.scanLabelName(b, p, end);
                if (p == start) {
                    return "expected a label name, found '" + Names.printable(b[p]) + "'";
                }
                into.append(b, start, p - start);
            }
            skipBlanks();
            if (p == end || b[p] != '=') {
                return "expected '=' after label name \"" + Names.excerpt(into.bytes(), keyStart, into.position()) + "\"";
            }
            p++;
            skipBlanks();
            if (p == end || b[p] != '"') {
                return "expected '\"' to start the value of label \"" + Names.excerpt(into.bytes(), keyStart, into.position())
                        + "\"";
            }
            int valueStart = into.position();
            String problem = readQuoted(into);
            if (problem != null) {
                return problem;
            }
            if (into.position() > valueStart) {
                if (into.labelCount() == SeriesRules.MAX_LABELS_PER_SERIES) {
                    return "more than " + SeriesRules.MAX_LABELS_PER_SERIES + " labels";
                }
                into.labelFrom(keyStart, valueStart);
            }
            String next = afterItem();
            if (next != CONTINUE) {
                return next;
            }
        }
    }

    private static final String CONTINUE = "continue";

    /** After a label or quoted name: ',' (then more, or '}' in the text format) or '}'. */
    private String afterItem() {
        skipBlanks();
        if (p < end && b[p] == '}') {
            p++;
            return null;
        }
        if (p == end || b[p] != ',') {
            return p == end ? "unterminated label set" : "expected ',' or '}' in the label set, found '" + Names.printable(b[p]) + "'";
        }
        p++;
        skipBlanks();
        if (p < end && b[p] == '}') {
            if (strict) {
                return "a trailing ',' before '}' is not allowed in OpenMetrics";
            }
            p++;
            return null;
        }
        return CONTINUE;
    }
}

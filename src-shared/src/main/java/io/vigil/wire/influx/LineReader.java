package io.vigil.wire.influx;

import io.vigil.model.SeriesRules;
import io.vigil.wire.LabelBuffer;
import io.vigil.wire.SampleSink;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The state of one {@link InfluxLineParser#parse} call: reusable buffers for the current line, so
 * that a line costs no allocation once they have grown to fit. A line is checked completely before
 * any of its samples reaches the sink, so a refused line leaves nothing behind.
 */
final class LineReader {
    /** Tags of one line; one more than a series may have is refused here, before any copying. */
    static final int MAX_TAGS = SeriesRules.MAX_LABELS_PER_SERIES;
    /** Unescaped tag bytes of one line. Bounds the copying per field (each field repeats the tags). */
    static final int MAX_TAG_SET_BYTES = 16 * 1024;
    static final int MAX_MEASUREMENT_BYTES = SeriesRules.MAX_METRIC_NAME_LENGTH;
    static final int MAX_FIELDS = 65_536;
    /** Past this many refused lines the reasons are no longer spelled out (a body of garbage costs no strings). */
    static final int MAX_DETAILED_REJECTIONS = 1_000;

    private final byte[] b;
    private final long now;
    private final Precision precision;
    private final SampleSink sink;
    private final int maxSamples;
    private final LabelBuffer labels = new LabelBuffer();
    private final FieldValueParser values = new FieldValueParser();
    private final TagSet tags = new TagSet();

    private final byte[] measurement = new byte[MAX_MEASUREMENT_BYTES + 1];
    private int measurementLength;
    private int[] fieldKeyFrom = new int[16];
    private int[] fieldKeyTo = new int[16];
    private double[] fieldValue = new double[16];
    private int fieldCount;
    private int lineStrings;
    private long timestamp;
    private String error;

    private int lineNumber;
    private int lines;
    private int samples;
    private int rejected;
    private int stringFields;
    private boolean stopped;

    LineReader(byte[] body, long nowMillis, Precision precision, SampleSink sink, int maxSamples) {
        this.b = body;
        this.now = nowMillis;
        this.precision = precision;
        this.sink = sink;
        this.maxSamples = maxSamples;
    }

    InfluxParseResult read(int offset, int end) {
        int pos = offset;
        while (pos < end && !stopped) {
            lineNumber++;
            int lineEnd = pos;
            while (lineEnd < end && b[lineEnd] != '\n') {
                lineEnd++;
            }
            line(pos, lineEnd);
            pos = lineEnd + 1;
        }
        return new InfluxParseResult(lines, samples, rejected, stringFields, stopped);
    }

    private void line(int from, int to) {
        while (from < to && (b[from] == ' ' || b[from] == '\t')) {
            from++;
        }
        while (to > from && (b[to - 1] == ' ' || b[to - 1] == '\t' || b[to - 1] == '\r')) {
            to--;
        }
        if (from == to || b[from] == '#') {
            return;
        }
        lines++;
        if (point(from, to)) {
            stringFields += lineStrings;
            emit();
        } else {
            rejected++;
            sink.reject(rejected <= MAX_DETAILED_REJECTIONS ? "line " + lineNumber + ": " + error
                    : "line " + lineNumber + " refused (reasons after the first " + MAX_DETAILED_REJECTIONS + " omitted)");
        }
    }

    /** Reads a whole point; false with {@link #error} set when the line is not valid. */
    private boolean point(int from, int to) {
        int i = measurement(from, to);
        if (i < 0) {
            return false;
        }
        tags.clear();
        if (i < to && b[i] == ',') {
            i = tags.read(b, i + 1, to);
            if (i < 0) {
                return fail(tags.error);
            }
        }
        while (i < to && b[i] == ' ') {
            i++;
        }
        if (i == to) {
            return fail("no field set (a point needs at least one field, e.g. \"value=1\")");
        }
        i = fields(i, to);
        if (i < 0) {
            return false;
        }
        while (i < to && b[i] == ' ') {
            i++;
        }
        return timestamp(i, to);
    }

    private int measurement(int from, int to) {
        int i = from;
        measurementLength = 0;
        while (i < to) {
            byte c = b[i];
            if (c == ',' || c == ' ') {
                break;
            }
            if (c == '\\' && i + 1 < to && (b[i + 1] == ',' || b[i + 1] == ' ' || b[i + 1] == '\\')) {
                c = b[++i];
            }
            i++;
            byte s = Names.metricByte(c);
            if (s != 0) {
                if (measurementLength == 0 && (s >= '0' && s <= '9' || s == '.')) {
                    measurement[measurementLength++] = '_';
                }
                if (measurementLength == MAX_MEASUREMENT_BYTES) {
                    fail("measurement is longer than " + MAX_MEASUREMENT_BYTES + " characters");
                    return -1;
                }
                measurement[measurementLength++] = s;
            }
        }
        if (i == from) {
            fail(b[i] == ',' ? "no measurement before the tag set" : "no measurement");
            return -1;
        }
        return i;
    }

    private int fields(int from, int to) {
        fieldCount = 0;
        lineStrings = 0;
        int i = from;
        while (true) {
            int keyFrom = i;
            while (i < to && b[i] != '=' && b[i] != ',' && b[i] != ' ') {
                i += b[i] == '\\' && i + 1 < to && Names.escapable(b[i + 1]) ? 2 : 1;
            }
            int keyTo = i;
            if (keyTo == keyFrom) {
                fail(b[keyFrom - 1] == ',' ? "empty field key (a comma too many in the field set?)" : "empty field key");
                return -1;
            }
            if (i == to || b[i] != '=') {
                fail("field \"" + text(keyFrom, keyTo) + "\" has no '=value'");
                return -1;
            }
            i++;
            if (i < to && b[i] == '"') {
                i = string(keyFrom, keyTo, i + 1, to);
                if (i < 0) {
                    return -1;
                }
            } else {
                int valueFrom = i;
                while (i < to && b[i] != ',' && b[i] != ' ') {
                    i++;
                }
                if (i == valueFrom) {
                    fail("field \"" + text(keyFrom, keyTo) + "\" has no value");
                    return -1;
                }
                if (!values.parse(b, valueFrom, i)) {
                    fail("field \"" + text(keyFrom, keyTo) + "\" value \"" + text(valueFrom, i) + "\" " + values.error);
                    return -1;
                }
                if (!addField(keyFrom, keyTo, values.value)) {
                    return -1;
                }
            }
            if (i == to || b[i] == ' ') {
                return i;
            }
            i++; // the comma before the next field
        }
    }

    /** Skips a string value; returns the index after its closing quote. */
    private int string(int keyFrom, int keyTo, int from, int to) {
        int i = from;
        while (i < to && b[i] != '"') {
            i += b[i] == '\\' && i + 1 < to ? 2 : 1;
        }
        if (i >= to) {
            fail("field \"" + text(keyFrom, keyTo) + "\" has an unterminated string (strings cannot span lines)");
            return -1;
        }
        lineStrings++;
        i++;
        if (i < to && b[i] != ',' && b[i] != ' ') {
            fail("field \"" + text(keyFrom, keyTo) + "\": text after the closing quote of its string");
            return -1;
        }
        return i;
    }

    private boolean addField(int keyFrom, int keyTo, double value) {
        if (fieldCount == MAX_FIELDS) {
            return fail("more than " + MAX_FIELDS + " fields");
        }
        if (fieldCount == fieldValue.length) {
            int n = fieldCount * 2;
            fieldKeyFrom = Arrays.copyOf(fieldKeyFrom, n);
            fieldKeyTo = Arrays.copyOf(fieldKeyTo, n);
            fieldValue = Arrays.copyOf(fieldValue, n);
        }
        fieldKeyFrom[fieldCount] = keyFrom;
        fieldKeyTo[fieldCount] = keyTo;
        fieldValue[fieldCount] = value;
        fieldCount++;
        return true;
    }

    private boolean timestamp(int from, int to) {
        if (from == to) {
            timestamp = now;
            return true;
        }
        boolean negative = b[from] == '-';
        int i = negative ? from + 1 : from;
        if (i == to) {
            return fail("invalid timestamp \"" + text(from, to) + "\" (expected an integer)");
        }
        long t = 0;
        for (; i < to; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) {
                return fail("invalid timestamp \"" + text(from, to) + "\" (expected an integer)");
            }
            if (t < (Long.MIN_VALUE + d) / 10) {
                return fail("timestamp \"" + text(from, to) + "\" is out of the int64 range");
            }
            t = t * 10 - d;
        }
        if (!negative && t == Long.MIN_VALUE) {
            return fail("timestamp \"" + text(from, to) + "\" is out of the int64 range");
        }
        try {
            timestamp = precision.toMillis(negative ? t : -t);
        } catch (ArithmeticException e) {
            return fail("timestamp \"" + text(from, to) + "\" is out of range at precision " + precision.name().toLowerCase());
        }
        return true;
    }

    private void emit() {
        for (int f = 0; f < fieldCount; f++) {
            if (samples == maxSamples) {
                stopped = true;
                return;
            }
            labels.reset();
            int start = labels.position();
            labels.append(measurement, 0, measurementLength);
            labels.append((byte) '_');
            Names.appendFieldKey(b, fieldKeyFrom[f], fieldKeyTo[f], labels);
            labels.nameFrom(start);
            tags.copyTo(labels);
            samples++;
            if (sink.beginSeries(labels)) {
                sink.sample(timestamp, fieldValue[f]);
            }
        }
    }

    private String text(int from, int to) {
        int n = Math.min(to - from, 64);
        return new String(b, from, n, StandardCharsets.UTF_8) + (to - from > n ? "..." : "");
    }

    private boolean fail(String reason) {
        error = reason;
        return false;
    }
}

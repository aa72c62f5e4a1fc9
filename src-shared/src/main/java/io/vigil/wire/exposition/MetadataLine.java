package io.vigil.wire.exposition;

import io.vigil.wire.LabelBuffer;

/**
 * A line starting with '#': {@code # HELP name text}, {@code # TYPE name type}, {@code # UNIT name unit}
 * (OpenMetrics), {@code # EOF} (OpenMetrics), or, in the text format 0.0.4 only, a comment. The metric
 * name may be quoted (Prometheus 3). HELP text is unescaped: {@code \\} and {@code \n}, plus {@code \"} in
 * OpenMetrics; any other backslash stands for itself.
 */
final class MetadataLine extends TextCursor {
    enum Kind { HELP, TYPE, UNIT, EOF, COMMENT }

    Kind kind;
    /** The metric name, bytes [0, position) of this buffer. */
    final LabelBuffer name = new LabelBuffer();
    /** The HELP text (unescaped) or UNIT, bytes [0, position). */
    final LabelBuffer text = new LabelBuffer();
    MetricType type;

    /** Parses bytes [from, to), which start with '#'. Returns null, or the reason the line is invalid. */
    String parse(byte[] bytes, int from, int to, ExpositionFormat format) {
        at(bytes, from, to, format == ExpositionFormat.OPENMETRICS);
        name.reset();
        text.reset();
        p++;
        if (strict && (p == end || b[p] != ' ')) {
            return "expected \"# HELP\", \"# TYPE\", \"# UNIT\" or \"# EOF\" (OpenMetrics has no other comments)";
        }
        while (p < end && (b[p] == ' ' || b[p] == '\t' && !strict)) {
            p++;
            if (strict) {
                break;
            }
        }
        int keywordStart = p;
        p = tokenEnd();
        kind = keyword(keywordStart, p);
        if (kind == Kind.COMMENT || kind == Kind.UNIT && !strict || kind == Kind.EOF && !strict) {
            if (strict) {
                return "unknown line \"" + Names.excerpt(b, from, to) + "\" (OpenMetrics allows only HELP, TYPE, UNIT and EOF)";
            }
            kind = Kind.COMMENT;
            return null;
        }
        if (kind == Kind.EOF) {
            return p == end ? null : "unexpected text after # EOF";
        }
        if (!separator()) {
            return kind + " line without a metric name";
        }
        String problem = readMetricName(name);
        if (problem != null) {
            return kind + " line: " + problem;
        }
        return switch (kind) {
            case TYPE -> readType(format);
            case HELP -> readHelp();
            default -> readUnit();
        };
    }

    private String readType(ExpositionFormat format) {
        if (!separator()) {
            return "TYPE line for " + nameText() + " without a type";
        }
        int start = p;
        p = tokenEnd();
        type = MetricType.fromTypeName(b, start, p, format);
        if (type == null) {
            return "unknown type \"" + Names.excerpt(b, start, p) + "\" for " + nameText() + " (" + knownTypes(format) + ")";
        }
        skipBlanks();
        return p == end ? null : "unexpected text after the type of " + nameText();
    }

    private String readHelp() {
        if (p == end) {
            return null;
        }
        if (!separator()) {
            return "expected a space after the metric name in the HELP line of " + nameText();
        }
        int run = p;
        for (; p < end; p++) {
            if (b[p] == '\\' && p + 1 < end) {
                byte e = b[p + 1];
                if (e == 'n' || e == '\\' || e == '"' && strict) {
                    text.append(b, run, p - run);
                    text.append(e == 'n' ? (byte) '\n' : e);
                    p++;
                    run = p + 1;
                }
            }
        }
        text.append(b, run, p - run);
        return Names.checkUtf8(text.bytes(), 0, text.position()) == null ? null : "HELP text of " + nameText() + " is not valid UTF-8";
    }

    private String readUnit() {
        if (p == end) {
            return null;
        }
        if (!separator()) {
            return "expected a space after the metric name in the UNIT line of " + nameText();
        }
        int start = p;
        while (p < end && (Names.scanLabelName(b, p, p + 1) == p + 1 || b[p] == ':' || ExpositionNumbers.isDigit(b[p]))) {
            p++;
        }
        if (p != end) {
            return "invalid character '" + Names.printable(b[p]) + "' in the UNIT of " + nameText();
        }
        text.append(b, start, p - start);
        return null;
    }

    String nameText() {
        return Names.excerpt(name.bytes(), 0, name.position());
    }

    private Kind keyword(int from, int to) {
        for (Kind k : Kind.values()) {
            if (k != Kind.COMMENT && to - from == k.name().length() && matches(from, k.name())) {
                return k;
            }
        }
        return Kind.COMMENT;
    }

    private boolean matches(int from, String word) {
        for (int i = 0; i < word.length(); i++) {
            if (b[from + i] != word.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static String knownTypes(ExpositionFormat format) {
        StringBuilder s = new StringBuilder();
        for (MetricType t : MetricType.values()) {
            if (t.suffixes(format) != null) {
                s.append(s.isEmpty() ? "" : ", ").append(t.typeName(format));
            }
        }
        return s.toString();
    }
}

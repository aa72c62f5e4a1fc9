package io.vigil.wire.exposition;

import io.vigil.wire.LabelBuffer;

/**
 * A position in one line of exposition text and the token rules both formats share: quoted strings
 * with their escapes, and the separator between tokens (one space in OpenMetrics, any run of blanks
 * and tabs in the text format 0.0.4).
 */
abstract class TextCursor {
    byte[] b;
    int p;
    int end;
    boolean strict;

    final void at(byte[] bytes, int from, int to, boolean openMetrics) {
        b = bytes;
        p = from;
        end = to;
        strict = openMetrics;
    }

    /** Reads a quoted string starting at '"', unescaping {@code \\ \" \n} into {@code into}. */
    String readQuoted(LabelBuffer into) {
        int start = into.position();
        p++;
        int run = p;
        boolean nonAscii = false;
        while (p < end) {
            byte c = b[p];
            if (c == '"') {
                into.append(b, run, p - run);
                p++;
                return nonAscii ? Names.checkUtf8(into.bytes(), start, into.position()) : null;
            }
            if (c < 0) {
                nonAscii = true;
            }
            if (c == '\\') {
                into.append(b, run, p - run);
                if (p + 1 == end) {
                    break;
                }
                byte e = b[p + 1];
                if (e == 'n') {
                    into.append((byte) '\n');
                } else if (e == '\\' || e == '"') {
                    into.append(e);
                } else if (strict) {
                    into.append(b, p, 2); // OpenMetrics: BS normal-char stands for itself
                } else {
                    return "invalid escape sequence '\\" + Names.printable(e) + "' (only \\\\, \\\" and \\n)";
                }
                p += 2;
                run = p;
                continue;
            }
            p++;
        }
        return "unterminated quoted string";
    }

    /** The separator between tokens: one space (OpenMetrics) or any blanks (text format). */
    boolean separator() {
        if (p == end || b[p] != ' ' && (strict || b[p] != '\t')) {
            return false;
        }
        p++;
        if (!strict) {
            skipBlanks();
        }
        return true;
    }

    void skipBlanks() {
        if (!strict) {
            while (p < end && (b[p] == ' ' || b[p] == '\t')) {
                p++;
            }
        }
    }

    int tokenEnd() {
        int q = p;
        while (q < end && b[q] != ' ' && b[q] != '\t') {
            q++;
        }
        return q;
    }

    /** A metric name, unquoted or quoted, appended to {@code into}; null, or why there is none. */
    String readMetricName(LabelBuffer into) {
        if (p < end && b[p] == '"') {
            int start = into.position();
            String problem = readQuoted(into);
            return problem != null || into.position() > start ? problem : "the quoted metric name is empty";
        }
        int start = p;
        p = Names.scanMetricName(b, p, end);
        if (p == start) {
            return p == end ? "a metric name is missing" : "expected a metric name, found '" + Names.printable(b[p]) + "'";
        }
        into.append(b, start, p - start);
        return null;
    }
}

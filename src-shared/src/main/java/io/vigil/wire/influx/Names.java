package io.vigil.wire.influx;

import io.vigil.wire.LabelBuffer;

/**
 * How line protocol names become Vigil names, following Telegraf's Prometheus conventions: the
 * metric is {@code <measurement>_<field>}, tags become labels, and every character a Prometheus name
 * cannot hold becomes {@code _} (one {@code _} per character, also for multi-byte UTF-8), with a
 * {@code _} in front of a leading digit. Metric names keep {@code :} and {@code .}, which Vigil
 * accepts; label names keep letters, digits and {@code _}. Tag values are kept as they are.
 */
final class Names {
    private Names() {
    }

    /** Characters a backslash escapes in tag keys, tag values and field keys (and itself). */
    static boolean escapable(byte c) {
        return c == ',' || c == '=' || c == ' ' || c == '\\';
    }

    /** The byte to write into a metric name for {@code c}; 0 for a UTF-8 continuation byte (already replaced). */
    static byte metricByte(byte c) {
        if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == ':' || c == '.') {
            return c;
        }
        return (c & 0xC0) == 0x80 ? 0 : (byte) '_';
    }

    /** Like {@link #metricByte} for label names: no {@code :} or {@code .}. */
    static byte labelByte(byte c) {
        if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_') {
            return c;
        }
        return (c & 0xC0) == 0x80 ? 0 : (byte) '_';
    }

    /** Unescapes and sanitizes the field key {@code b[from, to)} onto the end of the metric name. */
    static void appendFieldKey(byte[] b, int from, int to, LabelBuffer out) {
        for (int i = from; i < to; i++) {
            byte c = b[i];
            if (c == '\\' && i + 1 < to && escapable(b[i + 1])) {
                c = b[++i];
            }
            byte s = metricByte(c);
            if (s != 0) {
                out.append(s);
            }
        }
    }
}

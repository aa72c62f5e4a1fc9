package io.vigil.wire.otlp;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Turns an OTLP metric name and unit into a Prometheus-style name, the way Prometheus' OTLP receiver
 * does by default ("underscore escaping with suffixes"), so that queries written against Prometheus
 * work unchanged:
 *
 * <ul>
 * <li>every run of characters other than ASCII letters and digits becomes one {@code _}; leading and
 *     trailing ones are dropped ({@code http.server.request.duration} → {@code http_server_request_duration}).
 *     Vigil's own rules would allow dots, but PromQL needs quoting for them.
 * <li>a name starting with a digit gets a leading {@code _};
 * <li>the unit becomes a suffix unless the name already ends with it: {@code s} → {@code _seconds},
 *     {@code ms} → {@code _milliseconds}, {@code By} → {@code _bytes}, {@code KiBy} → {@code _kibibytes},
 *     {@code %} → {@code _percent}, {@code m/s} → {@code _meters_per_second}, an unknown unit is used
 *     sanitized; annotations in braces ({@code {request}}) are dropped; unit {@code 1} adds nothing,
 *     except {@code _ratio} on gauges;
 * <li>monotonic counters end in {@code _total} (after the unit: {@code _seconds_total}).
 * </ul>
 *
 * <p>Histograms and summaries then add {@code _bucket}, {@code _sum}, {@code _count} to this base.
 */
final class MetricNamer {
    enum Kind { GAUGE, COUNTER, HISTOGRAM, SUMMARY }

    private static final String[][] UNITS = {
        {"d", "days"}, {"h", "hours"}, {"min", "minutes"}, {"s", "seconds"}, {"ms", "milliseconds"},
        {"us", "microseconds"}, {"ns", "nanoseconds"}, {"By", "bytes"}, {"KiBy", "kibibytes"},
        {"MiBy", "mebibytes"}, {"GiBy", "gibibytes"}, {"TiBy", "tebibytes"}, {"KBy", "kilobytes"},
        {"MBy", "megabytes"}, {"GBy", "gigabytes"}, {"TBy", "terabytes"}, {"m", "meters"}, {"V", "volts"},
        {"A", "amperes"}, {"J", "joules"}, {"W", "watts"}, {"g", "grams"}, {"Cel", "celsius"},
        {"Hz", "hertz"}, {"%", "percent"},
    };
    private static final String[][] PER_UNITS = {
        {"s", "second"}, {"m", "minute"}, {"h", "hour"}, {"d", "day"}, {"w", "week"}, {"mo", "month"},
        {"y", "year"},
    };
    private static final byte[][][] UNIT_BYTES = bytes(UNITS);
    private static final byte[][][] PER_UNIT_BYTES = bytes(PER_UNITS);
    private static final byte[] TOTAL = ascii("_total");
    private static final byte[] RATIO = ascii("_ratio");
    private static final byte[] PER = ascii("per");

    private byte[] name = new byte[128];
    private int length;
    private byte[] suffix = new byte[64];
    private int suffixLength;
    private final byte[] unit = new byte[256];

    /** The translated name; valid until the next {@link #translate}. */
    byte[] bytes() {
        return name;
    }

    int length() {
        return length;
    }

    /** Translates; false when nothing of the name is left (no letters or digits). */
    boolean translate(byte[] buf, int nameStart, int nameEnd, int unitStart, int unitEnd, Kind kind) {
        length = 0;
        appendTokens(buf, nameStart, nameEnd);
        if (length == 0) {
            return false;
        }
        if (name[0] >= '0' && name[0] <= '9') {
            System.arraycopy(name, 0, name, 1, length);
            name[0] = '_';
            length++;
        }
        boolean counter = kind == Kind.COUNTER;
        if (counter && endsWith(name, length, TOTAL)) {
            length -= TOTAL.length;
        }
        int unitLength = stripAnnotations(buf, unitStart, unitEnd);
        if (unitLength == 1 && unit[0] == '1') {
            if (kind == Kind.GAUGE) {
                appendUnlessPresent(RATIO, RATIO.length);
            }
        } else if (unitLength > 0) {
            buildUnitSuffix(unitLength);
            if (suffixLength > 1) {
                appendUnlessPresent(suffix, suffixLength);
            }
        }
        if (counter) {
            append(TOTAL, 0, TOTAL.length);
        }
        return true;
    }

    /** Copies the unit without {...} annotations into {@link #unit}; returns its length (0 if too long). */
    private int stripAnnotations(byte[] buf, int start, int end) {
        int n = 0;
        boolean inBraces = false;
        for (int i = start; i < end; i++) {
            byte b = buf[i];
            if (b == '{') {
                inBraces = true;
            } else if (b == '}') {
                inBraces = false;
            } else if (!inBraces) {
                if (n == unit.length) {
                    return 0;
                }
                unit[n++] = b;
            }
        }
        return n;
    }

    /** Builds "_main", "_main_per_per" or "_per_per" into {@link #suffix}. */
    private void buildUnitSuffix(int unitLength) {
        int slash = -1;
        for (int i = 0; i < unitLength; i++) {
            if (unit[i] == '/') {
                slash = i;
                break;
            }
        }
        int mainEnd = slash < 0 ? unitLength : slash;
        suffixLength = 0;
        suffixByte('_');
        appendUnit(0, mainEnd, UNIT_BYTES);
        if (slash >= 0) {
            int before = suffixLength;
            if (suffixLength > 1) {
                suffixByte('_');
            }
            for (byte b : PER) {
                suffixByte(b);
            }
            suffixByte('_');
            int mark = suffixLength;
            appendUnit(slash + 1, unitLength, PER_UNIT_BYTES);
            if (suffixLength == mark) {
                suffixLength = before; // "x/" or "x/{annotation}": no per-unit
            }
        }
    }

    private void appendUnit(int from, int to, byte[][][] table) {
        for (byte[][] entry : table) {
            if (Arrays.equals(unit, from, to, entry[0], 0, entry[0].length)) {
                for (byte b : entry[1]) {
                    suffixByte(b);
                }
                return;
            }
        }
        boolean separator = false;
        int mark = suffixLength;
        for (int i = from; i < to; i++) {
            byte b = unit[i];
            if (isAlnum(b)) {
                if (separator && suffixLength > mark) {
                    suffixByte('_');
                }
                separator = false;
                suffixByte(b);
            } else {
                separator = true;
            }
        }
    }

    private void suffixByte(int b) {
        if (suffixLength == suffix.length) {
            suffix = Arrays.copyOf(suffix, suffix.length * 2);
        }
        suffix[suffixLength++] = (byte) b;
    }

    private void appendTokens(byte[] buf, int start, int end) {
        boolean separator = false;
        for (int i = start; i < end; i++) {
            byte b = buf[i];
            if (isAlnum(b)) {
                if (separator && length > 0) {
                    append('_');
                }
                separator = false;
                append(b);
            } else {
                separator = true;
            }
        }
    }

    private void appendUnlessPresent(byte[] s, int n) {
        if (!endsWith(name, length, s, n)) {
            append(s, 0, n);
        }
    }

    private static boolean endsWith(byte[] a, int aLength, byte[] s) {
        return endsWith(a, aLength, s, s.length);
    }

    private static boolean endsWith(byte[] a, int aLength, byte[] s, int n) {
        return aLength >= n && Arrays.equals(a, aLength - n, aLength, s, 0, n);
    }

    private void append(int b) {
        if (length == name.length) {
            name = Arrays.copyOf(name, name.length * 2);
        }
        name[length++] = (byte) b;
    }

    private void append(byte[] s, int from, int n) {
        if (length + n > name.length) {
            name = Arrays.copyOf(name, Math.max(name.length * 2, length + n));
        }
        System.arraycopy(s, from, name, length, n);
        length += n;
    }

    static boolean isAlnum(byte b) {
        return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9';
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[][][] bytes(String[][] table) {
        byte[][][] out = new byte[table.length][][];
        for (int i = 0; i < table.length; i++) {
            out[i] = new byte[][] {ascii(table[i][0]), ascii(table[i][1])};
        }
        return out;
    }
}

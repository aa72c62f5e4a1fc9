package io.vigil.promql.parser;

/**
 * Prometheus durations: one or more {@code <integer><unit>} parts with units {@code y w d h m s ms}
 * in that order, each at most once ({@code 1h30m}, {@code 2w}, {@code 100ms}). A year is 365 days,
 * as in Prometheus. Values are limited to what fits a Go {@code time.Duration} (about 292 years), so
 * a duration that Prometheus rejects is rejected here too, and arithmetic on them cannot overflow.
 */
final class Durations {
    /** Largest duration in milliseconds: Go's time.Duration limit. */
    static final long MAX_MILLIS = Long.MAX_VALUE / 1_000_000;

    private static final String[] UNITS = {"y", "w", "d", "h", "m", "s", "ms"};
    private static final long[] UNIT_MILLIS = {365L * 86_400_000, 7L * 86_400_000, 86_400_000, 3_600_000, 60_000, 1000, 1};

    private Durations() {
    }

    /** Parses {@code text} or throws IllegalArgumentException with a reason fit for a parse error. */
    static long parse(String text) {
        if (text.isEmpty()) {
            throw new IllegalArgumentException("empty duration string");
        }
        long total = 0;
        int nextUnit = 0;
        int i = 0;
        while (i < text.length()) {
            int digitsStart = i;
            long n = 0;
            while (i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
                n = n * 10 + (text.charAt(i) - '0');
                if (n > MAX_MILLIS) {
                    throw outOfRange(text);
                }
                i++;
            }
            if (i == digitsStart) {
                throw invalid(text);
            }
            int unit = unitAt(text, i, nextUnit);
            if (unit < 0) {
                throw invalid(text);
            }
            i += UNITS[unit].length();
            nextUnit = unit + 1;
            if (n > (MAX_MILLIS - total) / UNIT_MILLIS[unit]) {
                throw outOfRange(text);
            }
            total += n * UNIT_MILLIS[unit];
        }
        return total;
    }

    /** Index of the unit written at {@code i}, if it is {@code minUnit} or a later one; else -1. */
    private static int unitAt(String text, int i, int minUnit) {
        for (int u = minUnit; u < UNITS.length; u++) {
            if (text.startsWith(UNITS[u], i)) {
                // "m" must not swallow the "m" of "ms".
                if (UNITS[u].equals("m") && text.startsWith("ms", i)) {
                    continue;
                }
                return u;
            }
        }
        return -1;
    }

    /** True when {@code c} can appear in a duration literal after its first digit. */
    static boolean isDurationChar(char c) {
        return c >= '0' && c <= '9' || c == 'y' || c == 'w' || c == 'd' || c == 'h' || c == 'm' || c == 's';
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException("not a valid duration string: \"" + text + "\"");
    }

    private static IllegalArgumentException outOfRange(String text) {
        return new IllegalArgumentException("duration out of range: \"" + text + "\"");
    }
}

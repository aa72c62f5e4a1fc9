package io.vigil.wire.exposition;

import java.nio.charset.StandardCharsets;

/**
 * Sample values and timestamps of the text formats, read straight from the bytes.
 *
 * <p>Values: {@code [+-]digits[.digits][(e|E)[+-]digits]} (also {@code .5} and {@code 5.}), and
 * {@code NaN}, {@code Inf}, {@code Infinity} with an optional sign, case-insensitively (Go's ParseFloat
 * as Prometheus uses it, and the OpenMetrics ABNF). Up to 15 significant digits with a decimal exponent
 * within ±22 are converted exactly without allocating (Clinger's fast path: both the mantissa and the
 * power of ten are exact doubles, so one multiplication or division rounds correctly). Longer numbers,
 * such as the 17-digit shortest renderings of computed floats, are handed to {@link Double#parseDouble}
 * after our own syntax check, which allocates one String.
 *
 * <p>Invalid input is reported as {@link #INVALID}, a NaN whose payload no text can produce, so the hot
 * path needs neither exceptions nor a result object.
 */
final class ExpositionNumbers {
    /** Returned for text that is not a number; compare with {@link #isInvalid}. */
    static final double INVALID = Double.longBitsToDouble(0x7ff8_dead_0000_0001L);
    /** Returned by the timestamp parsers for text that is not a timestamp. */
    static final long INVALID_TIME = Long.MIN_VALUE;

    private static final double[] POWERS_OF_TEN = new double[23];
    private static final int MAX_EXACT_DIGITS = 15;

    static {
        double p = 1;
        for (int i = 0; i < POWERS_OF_TEN.length; i++) {
            POWERS_OF_TEN[i] = p;
            p *= 10;
        }
    }

    private ExpositionNumbers() {
    }

    static boolean isInvalid(double value) {
        return Double.doubleToRawLongBits(value) == Double.doubleToRawLongBits(INVALID);
    }

    /** Parses bytes [from, to) as a sample value. */
    static double parseValue(byte[] b, int from, int to) {
        if (from >= to) {
            return INVALID;
        }
        int p = from;
        boolean negative = false;
        if (b[p] == '+' || b[p] == '-') {
            negative = b[p] == '-';
            p++;
        }
        if (p < to && !isDigit(b[p]) && b[p] != '.') {
            return parseSpecial(b, p, to, negative, from != p);
        }
        long mantissa = 0;
        int significant = 0;
        int exponent = 0;
        int digits = 0;
        for (; p < to && isDigit(b[p]); p++, digits++) {
            significant = accumulate(significant, b[p]);
            if (significant > 0 && significant <= 19) {
                mantissa = mantissa * 10 + (b[p] - '0');
            } else if (significant > 19) {
                exponent++;
            }
        }
        if (p < to && b[p] == '.') {
            for (p++; p < to && isDigit(b[p]); p++, digits++) {
                significant = accumulate(significant, b[p]);
                if (significant > 0 && significant <= 19) {
                    mantissa = mantissa * 10 + (b[p] - '0');
                    exponent--;
                }
            }
        }
        if (digits == 0) {
            return INVALID;
        }
        if (p < to && (b[p] == 'e' || b[p] == 'E')) {
            p++;
            boolean negativeExponent = false;
            if (p < to && (b[p] == '+' || b[p] == '-')) {
                negativeExponent = b[p] == '-';
                p++;
            }
            int e = 0;
            int start = p;
            for (; p < to && isDigit(b[p]); p++) {
                e = Math.min(e * 10 + (b[p] - '0'), 100_000);
            }
            if (p == start) {
                return INVALID;
            }
            exponent += negativeExponent ? -e : e;
        }
        if (p != to) {
            return INVALID;
        }
        double value;
        if (mantissa == 0) {
            value = 0;
        } else if (significant <= MAX_EXACT_DIGITS && exponent >= -22 && exponent <= 22) {
            value = exponent >= 0 ? mantissa * POWERS_OF_TEN[exponent] : mantissa / POWERS_OF_TEN[-exponent];
        } else {
            return Double.parseDouble(new String(b, from, to - from, StandardCharsets.ISO_8859_1));
        }
        return negative ? -value : value;
    }

    /** Counts significant digits: leading zeros do not count. */
    private static int accumulate(int significant, byte digit) {
        return significant == 0 && digit == '0' ? 0 : significant + 1;
    }

    private static double parseSpecial(byte[] b, int p, int to, boolean negative, boolean signed) {
        if (equalsIgnoreCase(b, p, to, "inf") || equalsIgnoreCase(b, p, to, "infinity")) {
            return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (!signed && equalsIgnoreCase(b, p, to, "nan")) {
            return Double.NaN;
        }
        return INVALID;
    }

    /** Text format 0.0.4: an integer number of milliseconds since the epoch. */
    static long parseMillis(byte[] b, int from, int to) {
        int p = from;
        boolean negative = false;
        if (p < to && (b[p] == '+' || b[p] == '-')) {
            negative = b[p] == '-';
            p++;
        }
        if (p == to || to - p > 18) {
            return INVALID_TIME;
        }
        long v = 0;
        for (; p < to; p++) {
            if (!isDigit(b[p])) {
                return INVALID_TIME;
            }
            v = v * 10 + (b[p] - '0');
        }
        return negative ? -v : v;
    }

    /**
     * OpenMetrics: seconds since the epoch as a real number, converted to milliseconds. Digits past the
     * millisecond are truncated (toward negative infinity for negative times), so the common plain
     * decimal form is exact; the exponent form goes through a double.
     */
    static long parseSecondsAsMillis(byte[] b, int from, int to) {
        int p = from;
        boolean negative = false;
        if (p < to && (b[p] == '+' || b[p] == '-')) {
            negative = b[p] == '-';
            p++;
        }
        long seconds = 0;
        int intDigits = 0;
        for (; p < to && isDigit(b[p]); p++, intDigits++) {
            if (intDigits >= 12) {
                return viaDouble(b, from, to);
            }
            seconds = seconds * 10 + (b[p] - '0');
        }
        long millis = 0;
        int fracDigits = 0;
        boolean belowMillis = false;
        if (p < to && b[p] == '.') {
            for (p++; p < to && isDigit(b[p]); p++, fracDigits++) {
                if (fracDigits < 3) {
                    millis = millis * 10 + (b[p] - '0');
                } else if (b[p] != '0') {
                    belowMillis = true;
                }
            }
        }
        if (intDigits + fracDigits == 0) {
            return INVALID_TIME;
        }
        if (p < to) {
            return b[p] == 'e' || b[p] == 'E' ? viaDouble(b, from, to) : INVALID_TIME;
        }
        for (int i = Math.min(fracDigits, 3); i < 3; i++) {
            millis *= 10;
        }
        long total = seconds * 1000 + millis;
        return negative ? -total - (belowMillis ? 1 : 0) : total;
    }

    private static long viaDouble(byte[] b, int from, int to) {
        double seconds = parseValue(b, from, to);
        if (isInvalid(seconds) || Double.isNaN(seconds) || Math.abs(seconds) > 9.2e15) {
            return INVALID_TIME;
        }
        return (long) Math.floor(seconds * 1000);
    }

    static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }

    static boolean equalsIgnoreCase(byte[] b, int from, int to, String lower) {
        if (to - from != lower.length()) {
            return false;
        }
        for (int i = 0; i < lower.length(); i++) {
            if ((b[from + i] | 0x20) != lower.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}

package io.vigil.wire.influx;

import java.nio.charset.StandardCharsets;

/**
 * Reads one unquoted field value of line protocol into a double, without allocating for the common
 * cases: {@code 12i} (int64), {@code 12u} (uint64), {@code t}/{@code true}/{@code F}/... (booleans as 1
 * and 0) and floats ({@code -1.5}, {@code .5}, {@code 1.}, {@code 6.02e23}). NaN and infinities are not
 * line protocol and are refused, as InfluxDB does.
 *
 * <p>Floats whose decimal significand fits in 2^53 and whose power of ten is within ±22 are computed
 * exactly with one multiplication or division (both operands are exact doubles, so the result is
 * correctly rounded: the same double {@link Double#parseDouble} gives). Longer values (17 significant
 * digits, as some senders print every double) go through {@code Double.parseDouble}, which allocates.
 *
 * <p>Not thread-safe: one instance per parse.
 */
final class FieldValueParser {
    private static final double[] POW10 = new double[23];
    private static final long MAX_EXACT = 1L << 53;

    static {
        double p = 1;
        for (int i = 0; i < POW10.length; i++) {
            POW10[i] = p;
            p *= 10;
        }
    }

    /** The value read by the last successful {@link #parse}. */
    double value;
    /** Why the last {@link #parse} failed (a constant, to be prefixed with the field's name). */
    String error;

    /** Parses {@code b[from, to)}; to > from. Returns false with {@link #error} set when it is not a value. */
    boolean parse(byte[] b, int from, int to) {
        byte last = b[to - 1];
        // "12i", "-3i", "7u"; a word such as "tru" is not meant as an integer, so it gets the general reason.
        boolean numeric = to - from == 1 || b[from] == '-' || b[from] >= '0' && b[from] <= '9';
        if (last == 'i' && numeric) {
            return integer(b, from, to - 1);
        }
        if (last == 'u' && numeric) {
            return unsigned(b, from, to - 1);
        }
        if (bool(b, from, to)) {
            return true;
        }
        return decimal(b, from, to);
    }

    private boolean integer(byte[] b, int from, int to) {
        boolean negative = from < to && b[from] == '-';
        int i = negative ? from + 1 : from;
        if (i == to) {
            return fail("is not an integer");
        }
        // Accumulate negatively so that Long.MIN_VALUE is representable.
        long n = 0;
        for (; i < to; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) {
                return fail("is not an integer");
            }
            if (n < (Long.MIN_VALUE + d) / 10) {
                return fail("is out of the int64 range");
            }
            n = n * 10 - d;
        }
        if (!negative && n == Long.MIN_VALUE) {
            return fail("is out of the int64 range");
        }
        value = negative ? (double) n : -(double) n;
        return true;
    }

    private boolean unsigned(byte[] b, int from, int to) {
        if (from == to) {
            return fail("is not an unsigned integer");
        }
        long n = 0;
        for (int i = from; i < to; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) {
                return fail("is not an unsigned integer");
            }
            // n * 10 + d must stay below 2^64 (compared unsigned).
            if (Long.compareUnsigned(n, Long.divideUnsigned(-1L - d, 10)) > 0) {
                return fail("is out of the uint64 range");
            }
            n = n * 10 + d;
        }
        value = n >= 0 ? (double) n : (double) (n >>> 1) * 2.0 + (n & 1);
        return true;
    }

    private boolean bool(byte[] b, int from, int to) {
        int n = to - from;
        byte c = b[from];
        if (n == 1 && (c == 't' || c == 'T') || n == 4 && matches(b, from, "true", "True", "TRUE")) {
            value = 1;
            return true;
        }
        if (n == 1 && (c == 'f' || c == 'F') || n == 5 && matches(b, from, "false", "False", "FALSE")) {
            value = 0;
            return true;
        }
        return false;
    }

    private static boolean matches(byte[] b, int from, String lower, String capital, String upper) {
        return same(b, from, lower) || same(b, from, capital) || same(b, from, upper);
    }

    private static boolean same(byte[] b, int from, String word) {
        for (int i = 0; i < word.length(); i++) {
            if (b[from + i] != word.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private boolean decimal(byte[] b, int from, int to) {
        int i = from;
        boolean negative = b[i] == '-';
        if (negative) {
            i++;
        }
        long significand = 0;
        int significantDigits = 0;
        int exponent = 0;
        int digits = 0;
        boolean inexact = false;
        boolean dot = false;
        for (; i < to; i++) {
            byte c = b[i];
            if (c == '.' && !dot) {
                dot = true;
                continue;
            }
            int d = c - '0';
            if (d < 0 || d > 9) {
                break;
            }
            digits++;
            if (significantDigits < 18) {
                if (significand != 0 || d != 0) {
                    significand = significand * 10 + d;
                    significantDigits++;
                }
                if (dot) {
                    exponent--;
                }
            } else {
                inexact |= d != 0;
                if (!dot) {
                    exponent++;
                }
            }
        }
        if (digits == 0) {
            return fail("is not a number, boolean, integer (12i), unsigned (12u) or string (\"…\")");
        }
        if (i < to && (b[i] == 'e' || b[i] == 'E')) {
            i++;
            boolean negativeExponent = i < to && b[i] == '-';
            if (i < to && (b[i] == '-' || b[i] == '+')) {
                i++;
            }
            if (i == to) {
                return fail("is not a number: the exponent has no digits");
            }
            int e = 0;
            for (; i < to; i++) {
                int d = b[i] - '0';
                if (d < 0 || d > 9) {
                    break;
                }
                e = Math.min(e * 10 + d, 100_000); // far beyond any double; avoids int overflow
            }
            exponent += negativeExponent ? -e : e;
        }
        if (i != to) {
            return fail("is not a number, boolean, integer (12i), unsigned (12u) or string (\"…\")");
        }
        double v;
        if (!inexact && significand <= MAX_EXACT && exponent >= -22 && exponent <= 22) {
            v = exponent >= 0 ? significand * POW10[exponent] : significand / POW10[-exponent];
        } else {
            // Rare: more digits than a long holds exactly or a large exponent. The syntax is checked
            // above, so parseDouble sees nothing it would read differently (no "NaN", hex or 'd' suffix).
            v = Math.abs(Double.parseDouble(new String(b, from, to - from, StandardCharsets.ISO_8859_1)));
        }
        if (Double.isInfinite(v)) {
            return fail("is out of the float64 range");
        }
        value = negative ? -v : v;
        return true;
    }

    private boolean fail(String reason) {
        error = reason;
        return false;
    }
}

package io.vigil.query.api.prometheus;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Numbers as the Prometheus HTTP API prints them. Sample values are strings: the shortest decimal that
 * reads back as the same double, in plain notation unless the magnitude is below 1e-6 or at least 1e21
 * (then {@code 1.5e-07}, {@code 1e+21}), and {@code NaN}, {@code +Inf}, {@code -Inf}. Timestamps are
 * Unix seconds with exactly three decimals when not whole ({@code 1435781451.781}, {@code 1.500}).
 */
public final class PromNumbers {
    private PromNumbers() {
    }

    public static String formatValue(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        if (v == 0) {
            return 1 / v < 0 ? "-0" : "0";
        }
        double abs = Math.abs(v);
        if (abs < 1e15 && v == Math.rint(v)) {
            return Long.toString((long) v);
        }
        // Since JDK 19 Double.toString gives the shortest digits that round-trip, but never fewer than
        // two (4.9E-324 where Go prints 5e-324): try the one-digit neighbour.
        BigDecimal shortest = new BigDecimal(Double.toString(v)).stripTrailingZeros();
        if (shortest.precision() == 2) {
            BigDecimal one = shortest.round(new MathContext(1, RoundingMode.HALF_EVEN));
            if (one.doubleValue() == v) {
                shortest = one.stripTrailingZeros();
            }
        }
        if (abs >= 1e-6 && abs < 1e21) {
            return shortest.toPlainString();
        }
        String digits = shortest.unscaledValue().abs().toString();
        int exponent = digits.length() - 1 - shortest.scale();
        StringBuilder sb = new StringBuilder(digits.length() + 8);
        if (v < 0) {
            sb.append('-');
        }
        sb.append(digits.charAt(0));
        if (digits.length() > 1) {
            sb.append('.').append(digits, 1, digits.length());
        }
        sb.append('e').append(exponent < 0 ? '-' : '+');
        int e = Math.abs(exponent);
        if (e < 10) {
            sb.append('0');
        }
        return sb.append(e).toString();
    }

    /** Milliseconds as Prometheus prints a timestamp (a JSON number). */
    public static String formatTimestamp(long millis) {
        StringBuilder sb = new StringBuilder(20);
        long t = millis;
        if (t < 0) {
            sb.append('-');
            t = -t;
        }
        sb.append(t / 1000);
        long fraction = t % 1000;
        if (fraction != 0) {
            sb.append('.');
            if (fraction < 100) {
                sb.append('0');
            }
            if (fraction < 10) {
                sb.append('0');
            }
            sb.append(fraction);
        }
        return sb.toString();
    }
}

package io.vigil.promql.parser;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Values of number and duration tokens. Integers are read the way Go's {@code strconv.ParseInt(s, 0, 64)}
 * reads them, as Prometheus does: {@code 0x1f} is hexadecimal and a leading zero means octal
 * ({@code 010} is 8, while {@code 019}, not being octal, is 19).
 */
final class Numbers {
    private final TokenCursor in;

    Numbers(TokenCursor in) {
        this.in = in;
    }

    double number(Token t) {
        String s = t.lowerText();
        switch (s) {
            case "inf":
                return Double.POSITIVE_INFINITY;
            case "nan":
                return Double.NaN;
            default:
                break;
        }
        if (s.startsWith("0x")) {
            try {
                return Long.parseLong(s.substring(2), 16);
            } catch (NumberFormatException e) {
                throw in.error(t.start(), "error parsing number: \"" + t.text() + "\" is out of range");
            }
        }
        if (s.length() > 1 && s.charAt(0) == '0' && s.chars().allMatch(c -> c >= '0' && c <= '7')) {
            try {
                return Long.parseLong(s, 8);
            } catch (NumberFormatException e) {
                // Too large for int64: Go falls back to reading it as a decimal float.
            }
        }
        double v = Double.parseDouble(s);
        if (Double.isInfinite(v)) {
            throw in.error(t.start(), "error parsing number: \"" + t.text() + "\" is out of range");
        }
        return v;
    }

    /** A range, step or offset written as a duration ({@code 5m}) or as seconds ({@code 300}, {@code 1.5}). */
    long durationMillis(Token t) {
        if (t.kind() == TokenKind.DURATION) {
            try {
                return Durations.parse(t.text());
            } catch (IllegalArgumentException e) {
                throw in.error(t.start(), e.getMessage());
            }
        }
        double seconds = number(t);
        if (Double.isNaN(seconds) || seconds < 0 || seconds * 1000 > Durations.MAX_MILLIS) {
            throw in.error(t.start(), "duration out of range: \"" + t.text() + "\"");
        }
        // Truncated to whole milliseconds, as Prometheus converts float seconds to a duration.
        return (long) (seconds * 1000);
    }

    /** An {@code @} timestamp in seconds, as milliseconds; exact for decimal text, rounded to the millisecond. */
    long timestampMillis(Token t, boolean negate) {
        double v = number(t);
        if (Double.isNaN(v) || Double.isInfinite(v) || Math.abs(v) >= Long.MAX_VALUE / 1000.0) {
            throw in.error(t.start(), "timestamp out of bounds for @ modifier: " + (negate ? "-" : "") + t.text());
        }
        long millis;
        String s = t.lowerText();
        boolean plainDecimal = !s.startsWith("0x") && !(s.length() > 1 && s.charAt(0) == '0' && s.indexOf('.') < 0
                && s.indexOf('e') < 0);
        if (plainDecimal && s.length() <= 40 && Math.abs(v) >= 1e-3) {
            millis = new BigDecimal(s).movePointRight(3).setScale(0, RoundingMode.HALF_UP).longValue();
        } else {
            millis = Math.round(v * 1000);
        }
        return negate ? -millis : millis;
    }
}

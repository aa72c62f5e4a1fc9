package io.vigil.query.api.prometheus;

import io.vigil.promql.parser.PromqlParseException;
import io.vigil.promql.parser.PromqlParser;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * Times and durations as the Prometheus HTTP API accepts them, in milliseconds.
 *
 * <p>A time is Unix seconds with an optional fraction (rounded to the millisecond) or RFC 3339. Times are
 * clamped to the years 0–9999, which is what storage can represent; Prometheus' own "minimum" and
 * "maximum" times, which clients send for open ranges, map to those bounds.
 *
 * <p>A duration is seconds as a float ({@code 15}, {@code 0.5}) or Prometheus' unit syntax, units in
 * decreasing order ({@code 1h30m}, {@code 500ms}, {@code 2w}, {@code 1y} = 365 days).
 */
public final class PromTime {
    /** 0000-01-01T00:00:00Z. */
    public static final long MIN_MILLIS = -62_167_219_200_000L;
    /** 9999-12-31T23:59:59.999Z. */
    public static final long MAX_MILLIS = 253_402_300_799_999L;

    private static final Pattern FLOAT = Pattern.compile("[+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][+-]?\\d{1,4})?");
    // What Go's time package prints for Prometheus' MinTime and MaxTime.
    private static final String PROMETHEUS_MIN_TIME = "-292273086-05-16T16:47:06Z";
    private static final String PROMETHEUS_MAX_TIME = "292277025-08-18T07:12:54.999999999Z";

    private PromTime() {
    }

    /** Milliseconds since the epoch; throws IllegalArgumentException with Prometheus' wording. */
    public static long parseTime(String s) {
        if (s != null && FLOAT.matcher(s).matches()) {
            BigDecimal millis = new BigDecimal(s).movePointRight(3).setScale(0, RoundingMode.HALF_UP);
            return millis.max(BigDecimal.valueOf(MIN_MILLIS)).min(BigDecimal.valueOf(MAX_MILLIS)).longValue();
        }
        if (PROMETHEUS_MIN_TIME.equals(s)) {
            return MIN_MILLIS;
        }
        if (PROMETHEUS_MAX_TIME.equals(s)) {
            return MAX_MILLIS;
        }
        if (s != null && s.length() <= 64) {
            try {
                long millis = OffsetDateTime.parse(s, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant().toEpochMilli();
                return Math.max(MIN_MILLIS, Math.min(MAX_MILLIS, millis));
            } catch (DateTimeParseException | ArithmeticException e) {
                // falls through to the error below
            }
        }
        throw new IllegalArgumentException("cannot parse " + quote(s) + " to a valid timestamp");
    }

    /** Milliseconds (sub-millisecond fractions are dropped); may be zero or negative for float input. */
    public static long parseDuration(String s) {
        if (s != null && FLOAT.matcher(s).matches()) {
            BigDecimal millis = new BigDecimal(s).movePointRight(3).setScale(0, RoundingMode.DOWN);
            if (millis.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE / 1_000_000)) > 0) {
                throw new IllegalArgumentException("cannot parse " + quote(s) + " to a valid duration. It overflows int64");
            }
            return millis.longValue();
        }
        if (s != null && !s.isEmpty()) {
            try {
                return PromqlParser.parseDuration(s);
            } catch (PromqlParseException e) {
                if (e.getMessage().contains("out of range")) {
                    throw new IllegalArgumentException("cannot parse " + quote(s) + " to a valid duration. It overflows int64");
                }
            }
        }
        throw new IllegalArgumentException("cannot parse " + quote(s) + " to a valid duration");
    }

    /** Go's %q for the error messages; long hostile input is cut so errors stay readable. */
    static String quote(String s) {
        if (s == null) {
            return "\"\"";
        }
        String cut = s.length() > 100 ? s.substring(0, 100) + "..." : s;
        StringBuilder sb = new StringBuilder(cut.length() + 2).append('"');
        for (int i = 0; i < cut.length(); i++) {
            char c = cut.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\x%02x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}

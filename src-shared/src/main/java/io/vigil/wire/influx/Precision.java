package io.vigil.wire.influx;

import io.vigil.wire.WireFormatException;

/**
 * The unit of the timestamps in a line protocol body, chosen per request by the {@code precision}
 * query parameter. Vigil stores milliseconds, so finer timestamps are truncated (floored) to the
 * millisecond and coarser ones multiplied up.
 */
public enum Precision {
    NANOSECONDS(1_000_000, 0),
    MICROSECONDS(1_000, 0),
    MILLISECONDS(1, 1),
    SECONDS(0, 1_000),
    MINUTES(0, 60_000),
    HOURS(0, 3_600_000);

    private final long divisor;
    private final long multiplier;

    Precision(long divisor, long multiplier) {
        this.divisor = divisor;
        this.multiplier = multiplier;
    }

    /**
     * The InfluxDB 1.x {@code /write} spelling: {@code n} (or {@code ns}), {@code u} (or {@code us},
     * {@code µ}), {@code ms}, {@code s}, {@code m}, {@code h}; absent or empty means nanoseconds.
     */
    public static Precision ofV1(String value) {
        if (value == null || value.isEmpty()) {
            return NANOSECONDS;
        }
        return switch (value) {
            case "n", "ns" -> NANOSECONDS;
            case "u", "us", "µ" -> MICROSECONDS;
            case "ms" -> MILLISECONDS;
            case "s" -> SECONDS;
            case "m" -> MINUTES;
            case "h" -> HOURS;
            default -> throw new WireFormatException("invalid precision \"" + abbreviate(value)
                    + "\" (accepted: n, u, ms, s, m, h)");
        };
    }

    /** The InfluxDB 2.x {@code /api/v2/write} spelling: {@code ns}, {@code us}, {@code ms}, {@code s}; absent means ns. */
    public static Precision ofV2(String value) {
        if (value == null || value.isEmpty()) {
            return NANOSECONDS;
        }
        return switch (value) {
            case "ns" -> NANOSECONDS;
            case "us" -> MICROSECONDS;
            case "ms" -> MILLISECONDS;
            case "s" -> SECONDS;
            default -> throw new WireFormatException("invalid precision \"" + abbreviate(value)
                    + "\" (accepted: ns, us, ms, s)");
        };
    }

    /**
     * The timestamp in milliseconds; finer units are floored (so -1 ns is the millisecond before the
     * epoch). Throws ArithmeticException when a coarse timestamp does not fit in milliseconds.
     */
    public long toMillis(long timestamp) {
        return divisor > 0 ? Math.floorDiv(timestamp, divisor) : Math.multiplyExact(timestamp, multiplier);
    }

    private static String abbreviate(String s) {
        return s.length() <= 16 ? s : s.substring(0, 13) + "...";
    }
}

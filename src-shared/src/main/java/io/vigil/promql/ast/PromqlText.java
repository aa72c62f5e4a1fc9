package io.vigil.promql.ast;

import java.util.Locale;
import java.util.Set;

/**
 * How names, numbers, durations and strings are spelled in canonical PromQL text; used by
 * {@link PromqlPrinter} and by anything that writes PromQL fragments (e.g. durations in API output).
 */
public final class PromqlText {
    /** Words that the parser reads as keywords even where a metric name could stand. */
    private static final Set<String> RESERVED_METRIC_WORDS =
            Set.of("bool", "on", "ignoring", "group_left", "group_right", "atan2", "inf", "nan");

    private static final long[] UNIT_MILLIS = {365L * 86_400_000, 7L * 86_400_000, 86_400_000, 3_600_000, 60_000, 1000, 1};
    private static final String[] UNIT_NAMES = {"y", "w", "d", "h", "m", "s", "ms"};

    private PromqlText() {
    }

    /** A label name as written in a matcher or label list: bare when it is a classic name, else quoted. */
    public static String formatLabelName(String name) {
        return isLegacyName(name, false) ? name : quote(name);
    }

    /** True when {@code name} can stand unquoted before braces and is not read as a keyword there. */
    public static boolean isBareMetricName(String name) {
        return isLegacyName(name, true) && !RESERVED_METRIC_WORDS.contains(name.toLowerCase(Locale.ROOT));
    }

    private static boolean isLegacyName(String name, boolean allowColon) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || allowColon && c == ':'
                    || i > 0 && c >= '0' && c <= '9';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** Shortest text that parses back to exactly {@code v}: {@code 1}, {@code 0.5}, {@code 1e+300}, {@code -Inf}. */
    public static String formatNumber(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "Inf" : "-Inf";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return (PromqlPrinter.isNegative(v) ? "-" : "") + Long.toString(Math.abs((long) v));
        }
        String s = Double.toString(v);
        int e = s.indexOf('E');
        if (e < 0) {
            return s;
        }
        String mantissa = s.substring(0, e);
        if (mantissa.endsWith(".0")) {
            mantissa = mantissa.substring(0, mantissa.length() - 2);
        }
        return mantissa + "e" + s.substring(e + 1);
    }

    /** Milliseconds as a Prometheus duration, largest units first: {@code 1h30m}, {@code 1s500ms}, {@code 0s}. */
    public static String formatDuration(long millis) {
        if (millis == 0) {
            return "0s";
        }
        StringBuilder out = new StringBuilder();
        long rest = millis;
        for (int i = 0; i < UNIT_MILLIS.length; i++) {
            long n = rest / UNIT_MILLIS[i];
            if (n > 0) {
                out.append(n).append(UNIT_NAMES[i]);
                rest -= n * UNIT_MILLIS[i];
            }
        }
        return out.toString();
    }

    /** A double-quoted PromQL string literal for {@code s}, escaping quotes, backslashes and control characters. */
    public static String quote(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        out.append(String.format(Locale.ROOT, "\\x%02x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}

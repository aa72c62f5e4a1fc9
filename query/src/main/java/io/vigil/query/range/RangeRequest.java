package io.vigil.query.range;

import io.vigil.model.SeriesRules;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A validated range query: one metric, exact label matches, [start, end] in ms, a step in ms, an
 * aggregation and the labels to group by.
 */
public record RangeRequest(String metric, Map<String, String> matchers, long startMillis, long endMillis, long stepMillis,
        Aggregation aggregation, List<String> by) {

    /** Parses the query parameters of {@code GET /api/v1/range}; throws {@link BadRequestException}. */
    public static RangeRequest parse(String metric, List<String> match, String start, String end, String step, String agg,
            List<String> by, int maxPointsPerSeries) {
        if (metric == null || metric.isBlank()) {
            throw new BadRequestException("metric is missing (e.g. metric=cpu.load)");
        }
        String problem = SeriesRules.checkMetricName(metric);
        if (problem != null) {
            throw new BadRequestException(problem);
        }
        Map<String, String> matchers = new TreeMap<>();
        for (String m : match == null ? List.<String>of() : match) {
            int colon = m.indexOf(':');
            if (colon <= 0) {
                throw new BadRequestException("match \"" + m + "\" is not label:value (e.g. match=host:i631)");
            }
            String key = m.substring(0, colon);
            String badName = SeriesRules.checkLabelName(key);
            if (badName != null) {
                throw new BadRequestException("match \"" + m + "\": " + badName);
            }
            if (matchers.put(key, m.substring(colon + 1)) != null) {
                throw new BadRequestException("match names label \"" + key + "\" twice");
            }
        }
        long s = time("start", start);
        long e = time("end", end);
        if (e < s) {
            throw new BadRequestException("end is before start");
        }
        long stepMillis = duration("step", step == null ? "60" : step);
        if (stepMillis <= 0) {
            throw new BadRequestException("step must be positive");
        }
        if ((e - s) / stepMillis + 1 > maxPointsPerSeries) {
            throw new LimitExceededException("range and step ask for " + ((e - s) / stepMillis + 1)
                    + " points per series, more than the limit of " + maxPointsPerSeries + "; increase step");
        }
        List<String> groups = new ArrayList<>();
        for (String b : by == null ? List.<String>of() : by) {
            for (String name : b.split(",")) {
                String n = name.trim();
                String badName = n.isEmpty() ? null : SeriesRules.checkLabelName(n);
                if (badName != null) {
                    throw new BadRequestException("by: " + badName);
                }
                if (!n.isEmpty() && !groups.contains(n)) {
                    groups.add(n);
                }
            }
        }
        groups.sort(null);
        return new RangeRequest(metric, matchers, s, e, stepMillis, Aggregation.parse(agg == null ? "avg" : agg), groups);
    }

    /** Unix seconds (fractions allowed) or RFC 3339. */
    static long time(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new BadRequestException(name + " is missing (Unix seconds or RFC 3339)");
        }
        try {
            return new BigDecimal(value).movePointRight(3).longValueExact();
        } catch (NumberFormatException | ArithmeticException notANumber) {
            try {
                return OffsetDateTime.parse(value.toUpperCase(Locale.ROOT), DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                        .toInstant().toEpochMilli();
            } catch (DateTimeParseException e) {
                throw new BadRequestException(name + " \"" + value + "\" is neither Unix seconds nor an RFC 3339 time");
            }
        }
    }

    /** Seconds ({@code 60}, {@code 0.5}) or a duration with a unit ({@code 30s}, {@code 5m}, {@code 1h}, {@code 1d}). */
    static long duration(String name, String value) {
        String v = value.trim();
        long unit = 1000;
        char last = v.isEmpty() ? ' ' : v.charAt(v.length() - 1);
        switch (last) {
            case 's' -> unit = 1000;
            case 'm' -> unit = 60_000;
            case 'h' -> unit = 3_600_000;
            case 'd' -> unit = 86_400_000;
            default -> unit = 0;
        }
        String number = unit == 0 ? v : v.substring(0, v.length() - 1);
        if (v.endsWith("ms")) {
            number = v.substring(0, v.length() - 2);
            unit = 1;
        }
        try {
            return new BigDecimal(number).multiply(BigDecimal.valueOf(unit == 0 ? 1000 : unit)).longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            throw new BadRequestException(name + " \"" + value + "\" is not a duration (e.g. 60, 30s, 5m, 1h)");
        }
    }
}

package io.vigil.query.range;

import java.util.Locale;

/** How the samples in one step bucket become one value. Every one is exact from the rollups too. */
public enum Aggregation {
    AVG, SUM, MIN, MAX, COUNT;

    public static Aggregation parse(String s) {
        try {
            return valueOf(s.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("agg \"" + s + "\" is not one of avg, sum, min, max, count");
        }
    }

    /**
     * PromQL whose value at t = b + step - 1 ms is this aggregation over the samples in the bucket
     * [b, b + step): the left-open window (t - step, t] holds exactly the bucket's millisecond
     * timestamps. Averages divide the group's sum by its count, so they weigh every sample alike.
     */
    public String promql(String selector, long stepMillis, String grouping) {
        String window = selector + "[" + stepMillis + "ms]";
        return switch (this) {
            case AVG -> "sum " + grouping + " (sum_over_time(" + window + ")) / sum " + grouping + " (count_over_time("
                    + window + "))";
            case SUM -> "sum " + grouping + " (sum_over_time(" + window + "))";
            case COUNT -> "sum " + grouping + " (count_over_time(" + window + "))";
            case MIN -> "min " + grouping + " (min_over_time(" + window + "))";
            case MAX -> "max " + grouping + " (max_over_time(" + window + "))";
        };
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}

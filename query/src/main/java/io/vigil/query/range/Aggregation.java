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

    /** The value of a bucket from its partial aggregates. */
    public double apply(double min, double max, double sum, long count) {
        return switch (this) {
            case AVG -> sum / count;
            case SUM -> sum;
            case MIN -> min;
            case MAX -> max;
            case COUNT -> count;
        };
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}

package io.vigil.query.storage;

import io.vigil.query.promql.LabelSet;
import io.vigil.query.promql.SeriesData;
import java.util.Arrays;

/** Collects the rows of one series (points, and buckets for a rollup tier) into growing arrays. */
final class SeriesDataBuilder {
    private final LabelSet labels;
    private final Tier tier;
    private long[] times = new long[16];
    private double[] values = new double[16];
    private int points;
    private long[] starts;
    private double[] min;
    private double[] max;
    private double[] sum;
    private long[] count;
    private int buckets;

    SeriesDataBuilder(LabelSet labels, Tier tier) {
        this.labels = labels;
        this.tier = tier;
        if (tier != Tier.RAW) {
            starts = new long[16];
            min = new double[16];
            max = new double[16];
            sum = new double[16];
            count = new long[16];
        }
    }

    void point(long time, double value) {
        if (points == times.length) {
            times = Arrays.copyOf(times, points * 2);
            values = Arrays.copyOf(values, points * 2);
        }
        times[points] = time;
        values[points++] = value;
    }

    void bucket(long start, double bucketMin, double bucketMax, double bucketSum, long bucketCount) {
        if (buckets == starts.length) {
            int n = buckets * 2;
            starts = Arrays.copyOf(starts, n);
            min = Arrays.copyOf(min, n);
            max = Arrays.copyOf(max, n);
            sum = Arrays.copyOf(sum, n);
            count = Arrays.copyOf(count, n);
        }
        starts[buckets] = start;
        min[buckets] = bucketMin;
        max[buckets] = bucketMax;
        sum[buckets] = bucketSum;
        count[buckets++] = bucketCount;
    }

    boolean isEmpty() {
        return points == 0 && buckets == 0;
    }

    SeriesData build() {
        SeriesData.Rollup rollup = tier == Tier.RAW ? null
                : new SeriesData.Rollup(tier.bucket().toMillis(), starts, min, max, sum, count, buckets);
        return new SeriesData(labels, times, values, points, rollup, tier.label());
    }
}

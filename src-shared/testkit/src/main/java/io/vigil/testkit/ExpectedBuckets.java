package io.vigil.testkit;

import java.util.Map;
import java.util.TreeMap;

/**
 * The test oracle for range queries: what each aggregation of each step bucket must be, computed
 * sample by sample in Java, independently of the SQL under test.
 *
 * <pre>{@code
 * ExpectedBuckets expected = new ExpectedBuckets();
 * expected.add("eu", t / 60_000 * 60, value);       // group, bucket start in seconds, sample
 * Map<String, Map<Long, Double>> avg = expected.values("avg");
 * }</pre>
 */
public final class ExpectedBuckets {
    private final Map<String, Map<Long, double[]>> parts = new TreeMap<>();

    public void add(String group, long bucketSeconds, double value) {
        double[] p = parts.computeIfAbsent(group, g -> new TreeMap<>()).computeIfAbsent(bucketSeconds,
                b -> new double[] {Double.MAX_VALUE, -Double.MAX_VALUE, 0, 0});
        p[0] = Math.min(p[0], value);
        p[1] = Math.max(p[1], value);
        p[2] += value;
        p[3]++;
    }

    /** group → bucket start (s) → value of {@code agg} (avg, sum, min, max or count). */
    public Map<String, Map<Long, Double>> values(String agg) {
        Map<String, Map<Long, Double>> out = new TreeMap<>();
        parts.forEach((group, buckets) -> buckets.forEach((bucket, p) ->
                out.computeIfAbsent(group, g -> new TreeMap<>()).put(bucket, switch (agg) {
                    case "min" -> p[0];
                    case "max" -> p[1];
                    case "sum" -> p[2];
                    case "count" -> p[3];
                    case "avg" -> p[2] / p[3];
                    default -> throw new IllegalArgumentException("unknown aggregation " + agg);
                })));
        return out;
    }
}

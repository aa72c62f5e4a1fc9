package io.vigil.query.promql.engine;

import io.vigil.query.promql.LabelSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * histogram_quantile(φ, v) over classic histograms: series that differ only in their {@code le}
 * label form one histogram, whose cumulative bucket counts are interpolated linearly. The result
 * keeps the other labels and drops the metric name. Series without a parsable {@code le} are ignored.
 */
final class HistogramQuantile {
    private HistogramQuantile() {
    }

    private record Histogram(LabelSet labels, List<StepSeries> buckets, List<Double> bounds) {
    }

    static Value eval(Evaluator ev, double[] q, Value.Vector in) {
        Map<LabelSet, Histogram> histograms = new LinkedHashMap<>();
        for (StepSeries s : in.series()) {
            String le = s.labels.get("le");
            double bound = parseBound(le);
            if (Double.isNaN(bound)) {
                continue;
            }
            java.util.TreeMap<String, String> rest = s.labels.toMap();
            rest.remove("le");
            rest.remove(LabelSet.NAME);
            LabelSet key = LabelSet.of(rest);
            Histogram h = histograms.computeIfAbsent(key, k -> new Histogram(k, new ArrayList<>(), new ArrayList<>()));
            h.buckets().add(s);
            h.bounds().add(bound);
        }
        int steps = ev.steps();
        List<StepSeries> out = new ArrayList<>(histograms.size());
        for (Histogram h : histograms.values()) {
            int n = h.buckets().size();
            double[] bounds = new double[n];
            double[] counts = new double[n];
            StepSeries r = new StepSeries(h.labels(), steps);
            for (int i = 0; i < steps; i++) {
                int m = 0;
                for (int b = 0; b < n; b++) {
                    StepSeries s = h.buckets().get(b);
                    if (s.present[i]) {
                        bounds[m] = h.bounds().get(b);
                        counts[m++] = s.values[i];
                    }
                }
                if (m > 0) {
                    r.set(i, quantile(q[i], bounds, counts, m));
                }
            }
            if (!r.isEmpty()) {
                out.add(r);
            }
        }
        return new Value.Vector(out);
    }

    private static double parseBound(String le) {
        if (le == null) {
            return Double.NaN;
        }
        try {
            return switch (le) {
                case "+Inf", "Inf", "+inf", "inf" -> Double.POSITIVE_INFINITY;
                default -> Double.parseDouble(le);
            };
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /**
     * The quantile of one histogram at one step; {@code bounds}/{@code counts} hold m buckets in any
     * order and are reordered in place. Buckets with the same bound are added up, and counts that
     * decrease with the bound (scrapes of buckets that are not atomic) are raised to keep the
     * cumulative counts monotonic. Without a +Inf bucket the answer is NaN; a rank in the +Inf bucket
     * answers the highest finite bound.
     */
    static double quantile(double q, double[] bounds, double[] counts, int m) {
        if (Double.isNaN(q)) {
            return Double.NaN;
        }
        if (q < 0) {
            return Double.NEGATIVE_INFINITY;
        }
        if (q > 1) {
            return Double.POSITIVE_INFINITY;
        }
        sortByBound(bounds, counts, m);
        if (bounds[m - 1] != Double.POSITIVE_INFINITY) {
            return Double.NaN;
        }
        int k = 0;
        for (int i = 0; i < m; i++) {
            if (k > 0 && bounds[k - 1] == bounds[i]) {
                counts[k - 1] += counts[i];
            } else {
                bounds[k] = bounds[i];
                counts[k++] = counts[i];
            }
        }
        for (int i = 1; i < k; i++) {
            if (counts[i] < counts[i - 1]) {
                counts[i] = counts[i - 1];
            }
        }
        if (k < 2) {
            return Double.NaN;
        }
        double observations = counts[k - 1];
        if (observations == 0 || Double.isNaN(observations)) {
            return Double.NaN;
        }
        double rank = q * observations;
        int b = 0;
        while (b < k - 1 && counts[b] < rank) {
            b++;
        }
        if (b == k - 1) {
            return bounds[k - 2];
        }
        if (b == 0 && bounds[0] <= 0) {
            return bounds[0];
        }
        double start = 0;
        double end = bounds[b];
        double count = counts[b];
        if (b > 0) {
            start = bounds[b - 1];
            count -= counts[b - 1];
            rank -= counts[b - 1];
        }
        return start + (end - start) * (rank / count);
    }

    private static void sortByBound(double[] bounds, double[] counts, int m) {
        // Insertion sort: histograms have tens of buckets and usually arrive sorted.
        for (int i = 1; i < m; i++) {
            double b = bounds[i];
            double c = counts[i];
            int j = i - 1;
            while (j >= 0 && bounds[j] > b) {
                bounds[j + 1] = bounds[j];
                counts[j + 1] = counts[j];
                j--;
            }
            bounds[j + 1] = b;
            counts[j + 1] = c;
        }
    }
}

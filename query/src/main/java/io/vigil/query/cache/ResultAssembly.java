package io.vigil.query.cache;

import io.vigil.query.promql.LabelSet;
import io.vigil.query.promql.QueryValue;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Joins pieces of a range answer (cached blocks, then the fresh computation, in time order) into one
 * matrix trimmed to the query's [start, end], series sorted by labels as Prometheus returns them.
 */
final class ResultAssembly {
    private final long start;
    private final long end;
    private final Map<LabelSet, Points> series = new LinkedHashMap<>();
    private String finestTier;

    ResultAssembly(long start, long end) {
        this.start = start;
        this.end = end;
    }

    private static final class Points {
        long[] times = new long[16];
        double[] values = new double[16];
        int size;

        void add(long t, double v) {
            if (size == times.length) {
                times = Arrays.copyOf(times, size * 2);
                values = Arrays.copyOf(values, size * 2);
            }
            times[size] = t;
            values[size] = v;
            size++;
        }
    }

    void add(List<QueryValue.Series> piece, String tier) {
        for (QueryValue.Series s : piece) {
            Points p = null;
            for (int i = 0; i < s.size(); i++) {
                long t = s.times()[i];
                if (t < start || t > end) {
                    continue;
                }
                if (p == null) {
                    p = series.computeIfAbsent(s.labels(), k -> new Points());
                }
                p.add(t, s.values()[i]);
            }
        }
        if (tier != null && (finestTier == null || rank(tier) < rank(finestTier))) {
            finestTier = tier;
        }
    }

    QueryValue.Matrix matrix() {
        List<QueryValue.Series> out = new ArrayList<>(series.size());
        series.forEach((labels, p) -> out.add(new QueryValue.Series(labels, p.times, p.values, p.size)));
        out.sort((a, b) -> a.labels().compareTo(b.labels()));
        return new QueryValue.Matrix(out);
    }

    String tier() {
        return finestTier;
    }

    /** The points of each series within [from, to]; series without points there are left out. */
    static List<QueryValue.Series> slice(List<QueryValue.Series> all, long from, long to) {
        List<QueryValue.Series> out = new ArrayList<>();
        for (QueryValue.Series s : all) {
            int lo = 0;
            while (lo < s.size() && s.times()[lo] < from) {
                lo++;
            }
            int hi = lo;
            while (hi < s.size() && s.times()[hi] <= to) {
                hi++;
            }
            if (hi > lo) {
                out.add(new QueryValue.Series(s.labels(), Arrays.copyOfRange(s.times(), lo, hi),
                        Arrays.copyOfRange(s.values(), lo, hi), hi - lo));
            }
        }
        return out;
    }

    private static int rank(String tier) {
        return switch (tier) {
            case "raw" -> 0;
            case "1m" -> 1;
            default -> 2;
        };
    }
}

package io.vigil.query.promql;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * The labels of a series as PromQL sees them: sorted by name, the metric name included as {@code
 * __name__}. Immutable; equality and hash are by content, so a LabelSet can key a map (grouping,
 * vector matching).
 */
public final class LabelSet implements Comparable<LabelSet> {
    public static final String NAME = "__name__";
    public static final LabelSet EMPTY = new LabelSet(new String[0], new String[0]);

    private final String[] names;
    private final String[] values;
    private int hash;

    private LabelSet(String[] names, String[] values) {
        this.names = names;
        this.values = values;
    }

    /** Labels from a map; empty values are dropped, as PromQL treats an empty label as absent. */
    public static LabelSet of(Map<String, String> labels) {
        TreeMap<String, String> sorted = new TreeMap<>();
        labels.forEach((k, v) -> {
            if (v != null && !v.isEmpty()) {
                sorted.put(k, v);
            }
        });
        return new LabelSet(sorted.keySet().toArray(String[]::new), sorted.values().toArray(String[]::new));
    }

    /** Labels from alternating name/value pairs: {@code LabelSet.of("__name__", "up", "job", "api")}. */
    public static LabelSet of(String... pairs) {
        if (pairs.length % 2 != 0) {
            throw new IllegalArgumentException("name/value pairs expected");
        }
        TreeMap<String, String> map = new TreeMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return of(map);
    }

    public int size() {
        return names.length;
    }

    public String name(int i) {
        return names[i];
    }

    public String value(int i) {
        return values[i];
    }

    /** The value of a label, or null when absent. */
    public String get(String name) {
        int i = Arrays.binarySearch(names, name);
        return i >= 0 ? values[i] : null;
    }

    /** The metric name, or null. */
    public String metricName() {
        return get(NAME);
    }

    /** A sorted copy as a map, for building modified label sets. */
    public TreeMap<String, String> toMap() {
        TreeMap<String, String> map = new TreeMap<>();
        for (int i = 0; i < names.length; i++) {
            map.put(names[i], values[i]);
        }
        return map;
    }

    /** These labels without the metric name (what most functions and arithmetic return). */
    public LabelSet withoutName() {
        int i = Arrays.binarySearch(names, NAME);
        if (i < 0) {
            return this;
        }
        String[] n = new String[names.length - 1];
        String[] v = new String[names.length - 1];
        System.arraycopy(names, 0, n, 0, i);
        System.arraycopy(values, 0, v, 0, i);
        System.arraycopy(names, i + 1, n, i, names.length - i - 1);
        System.arraycopy(values, i + 1, v, i, names.length - i - 1);
        return new LabelSet(n, v);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LabelSet other && Arrays.equals(names, other.names) && Arrays.equals(values, other.values);
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0) {
            h = 31 * Arrays.hashCode(names) + Arrays.hashCode(values);
            hash = h;
        }
        return h;
    }

    /** Orders label sets as Prometheus sorts series in results: label by label, name then value. */
    @Override
    public int compareTo(LabelSet o) {
        int n = Math.min(names.length, o.names.length);
        for (int i = 0; i < n; i++) {
            int c = names[i].compareTo(o.names[i]);
            if (c != 0) {
                return c;
            }
            c = values[i].compareTo(o.values[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(names.length, o.names.length);
    }

    /** Prometheus notation: {@code up{instance="a", job="api"}}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        String name = metricName();
        if (name != null) {
            sb.append(name);
        }
        sb.append('{');
        boolean first = true;
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(NAME)) {
                continue;
            }
            if (!first) {
                sb.append(", ");
            }
            first = false;
            sb.append(names[i]).append("=\"").append(values[i].replace("\\", "\\\\").replace("\"", "\\\"")
                    .replace("\n", "\\n")).append('"');
        }
        return sb.append('}').toString();
    }
}

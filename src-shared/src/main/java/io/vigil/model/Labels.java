package io.vigil.model;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The identity of a series: a metric name plus labels, kept sorted by label key.
 *
 * <pre>{@code
 * Labels series = Labels.of("cpu.load", Map.of("host", "i631", "env", "prod"));
 * long id = series.seriesId();   // the same in every component, no database round trip
 * }</pre>
 *
 * <p>The canonical form is {@code name 0xFF key1 0xFF value1 0xFF key2 ...} in UTF-8, keys sorted by
 * their UTF-16 order (String.compareTo). 0xFF never occurs in UTF-8, so the form is unambiguous.
 */
public final class Labels {
    private static final byte SEPARATOR = (byte) 0xFF;

    private final String metricName;
    private final String[] keys;
    private final String[] values;
    private byte[] canonical;

    private Labels(String metricName, String[] keys, String[] values) {
        this.metricName = metricName;
        this.keys = keys;
        this.values = values;
    }

    /** Builds labels from any map; the map is copied and sorted. Null names, keys or values are refused. */
    public static Labels of(String metricName, Map<String, String> labels) {
        if (metricName == null) {
            throw new IllegalArgumentException("metric name is null");
        }
        TreeMap<String, String> sorted = new TreeMap<>();
        for (Map.Entry<String, String> e : labels.entrySet()) {
            if (e.getKey() == null || e.getValue() == null) {
                throw new IllegalArgumentException("label key or value is null");
            }
            sorted.put(e.getKey(), e.getValue());
        }
        return new Labels(metricName, sorted.keySet().toArray(String[]::new), sorted.values().toArray(String[]::new));
    }

    /** Builds labels from arrays that the caller guarantees are sorted by key without duplicates. */
    public static Labels ofSorted(String metricName, String[] keys, String[] values) {
        for (int i = 1; i < keys.length; i++) {
            if (keys[i - 1].compareTo(keys[i]) >= 0) {
                throw new IllegalArgumentException("label keys not sorted or duplicated: " + keys[i]);
            }
        }
        return new Labels(metricName, keys.clone(), values.clone());
    }

    public String metricName() {
        return metricName;
    }

    public int size() {
        return keys.length;
    }

    public String key(int i) {
        return keys[i];
    }

    public String value(int i) {
        return values[i];
    }

    /** The value of a label, or null. */
    public String get(String key) {
        int i = Arrays.binarySearch(keys, key);
        return i >= 0 ? values[i] : null;
    }

    /** Labels as an ordered map (sorted by key). */
    public Map<String, String> asMap() {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keys.length; i++) {
            map.put(keys[i], values[i]);
        }
        return map;
    }

    public byte[] canonicalBytes() {
        byte[] c = canonical;
        if (c == null) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(64);
            out.writeBytes(metricName.getBytes(StandardCharsets.UTF_8));
            for (int i = 0; i < keys.length; i++) {
                out.write(SEPARATOR);
                out.writeBytes(keys[i].getBytes(StandardCharsets.UTF_8));
                out.write(SEPARATOR);
                out.writeBytes(values[i].getBytes(StandardCharsets.UTF_8));
            }
            c = out.toByteArray();
            canonical = c;
        }
        return c;
    }

    /** The 64-bit series id: xxHash64 of the canonical form. */
    public long seriesId() {
        byte[] c = canonicalBytes();
        return XxHash64.hash(c, 0, c.length);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Labels other && metricName.equals(other.metricName) && Arrays.equals(keys, other.keys)
                && Arrays.equals(values, other.values);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * metricName.hashCode() + Arrays.hashCode(keys)) + Arrays.hashCode(values);
    }

    /** Prometheus notation: {@code cpu.load{env="prod",host="i631"}}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(metricName).append('{');
        for (int i = 0; i < keys.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(keys[i]).append("=\"").append(values[i].replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
        return sb.append('}').toString();
    }
}

package io.vigil.alerting.model;

import io.vigil.model.XxHash64;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * The identity of an alert: a 64-bit hash of its sorted label set, as 16 hex digits. Alerts from rules and
 * from {@code POST /api/v2/alerts} with the same labels are the same alert.
 */
public final class Fingerprints {
    private Fingerprints() {
    }

    public static String of(Map<String, String> labels) {
        StringBuilder canonical = new StringBuilder(64);
        for (Map.Entry<String, String> e : new TreeMap<>(labels).entrySet()) {
            canonical.append(e.getKey()).append('\u0000').append(e.getValue()).append('\u0000');
        }
        byte[] bytes = canonical.toString().getBytes(StandardCharsets.UTF_8);
        return String.format("%016x", XxHash64.hash(bytes, 0, bytes.length));
    }
}

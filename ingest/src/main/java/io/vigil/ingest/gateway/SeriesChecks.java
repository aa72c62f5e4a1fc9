package io.vigil.ingest.gateway;

import io.vigil.model.SeriesRules;
import io.vigil.wire.LabelBuffer;

/**
 * The shared series rules ({@link SeriesRules}) applied to a {@link LabelBuffer} on its bytes: nothing
 * is allocated for a valid series; the reason (the same text every protocol gives) is built only for
 * a refused one.
 */
final class SeriesChecks {
    private SeriesChecks() {
    }

    /** Sorts the labels, then returns null when the series is valid, else why not. */
    static String check(LabelBuffer labels) {
        byte[] b = labels.bytes();
        if (!labels.hasName() || !SeriesRules.isValidMetricName(b, labels.nameOffset(), labels.nameLength())) {
            String reason = SeriesRules.checkMetricName(labels.hasName() ? labels.name() : null);
            return reason != null ? reason : "metric name is not valid UTF-8";
        }
        int n = labels.labelCount();
        if (n > SeriesRules.MAX_LABELS_PER_SERIES) {
            return "series has " + n + " labels, more than the limit of " + SeriesRules.MAX_LABELS_PER_SERIES;
        }
        for (int i = 0; i < n; i++) {
            if (!SeriesRules.isValidLabelName(b, labels.keyOffset(i), labels.keyLength(i))) {
                String reason = SeriesRules.checkLabelName(key(labels, i));
                return reason != null ? reason : "a label name is not valid UTF-8";
            }
            if (!SeriesRules.isValidLabelValue(b, labels.valueOffset(i), labels.valueLength(i))) {
                return SeriesRules.checkLabelValue(key(labels, i), b, labels.valueOffset(i), labels.valueLength(i));
            }
        }
        int duplicate = labels.sort();
        if (duplicate >= 0) {
            return "label \"" + key(labels, duplicate) + "\" is given twice";
        }
        return null;
    }

    /** The series in Prometheus notation, abbreviated, for a refusal reason (allocates). */
    static String describe(LabelBuffer labels) {
        StringBuilder sb = new StringBuilder(labels.name()).append('{');
        for (int i = 0; i < labels.labelCount() && sb.length() < 200; i++) {
            sb.append(i == 0 ? "" : ",").append(key(labels, i)).append("=\"")
                    .append(new String(labels.bytes(), labels.valueOffset(i), Math.min(labels.valueLength(i), 64),
                            java.nio.charset.StandardCharsets.UTF_8))
                    .append('"');
        }
        if (sb.length() >= 200) {
            sb.setLength(200);
            sb.append("...");
        }
        return sb.append('}').toString();
    }

    private static String key(LabelBuffer labels, int i) {
        return new String(labels.bytes(), labels.keyOffset(i), labels.keyLength(i), java.nio.charset.StandardCharsets.UTF_8);
    }
}

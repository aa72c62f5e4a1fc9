package io.vigil.wire.exposition;

import io.vigil.wire.LabelBuffer;

/** What a family's type requires of its samples' labels and values (see {@link ExpositionParser}). */
final class SampleRules {
    private SampleRules() {
    }

    /** Null when the sample (already known to be one of the family's sample names) is fine, else why not. */
    static String check(FamilyState family, String suffix, LabelBuffer labels, double value, ExpositionFormat format) {
        boolean openMetrics = format == ExpositionFormat.OPENMETRICS;
        switch (family.type) {
            case HISTOGRAM, GAUGE_HISTOGRAM -> {
                if (suffix.equals("_bucket")) {
                    return numericLabel(labels, "le", "histogram bucket", false);
                }
            }
            case SUMMARY -> {
                if (suffix.isEmpty()) {
                    return numericLabel(labels, "quantile", "summary quantile", openMetrics);
                }
            }
            case INFO -> {
                if (openMetrics && value != 1) {
                    return "info sample " + labels.name() + " must have the value 1";
                }
            }
            case STATESET -> {
                if (openMetrics) {
                    return stateset(family, labels, value);
                }
            }
            default -> {
            }
        }
        return null;
    }

    private static String numericLabel(LabelBuffer labels, String key, String what, boolean unitInterval) {
        int i = find(labels, key);
        if (i < 0) {
            return what + " " + labels.name() + " has no \"" + key + "\" label";
        }
        int from = labels.valueOffset(i);
        int to = from + labels.valueLength(i);
        double bound = ExpositionNumbers.parseValue(labels.bytes(), from, to);
        if (ExpositionNumbers.isInvalid(bound) || Double.isNaN(bound)) {
            return what + " " + labels.name() + " has a " + key + " label that is not a number: \""
                    + Names.excerpt(labels.bytes(), from, to) + "\"";
        }
        if (unitInterval && (bound < 0 || bound > 1)) {
            return what + " " + labels.name() + " has a quantile outside [0, 1]: " + bound;
        }
        return null;
    }

    private static String stateset(FamilyState family, LabelBuffer labels, double value) {
        boolean named = false;
        for (int i = 0; i < labels.labelCount() && !named; i++) {
            named = family.is(labels.bytes(), labels.keyOffset(i), labels.keyLength(i));
        }
        if (!named) {
            return "stateset sample " + labels.name() + " has no label named after its family";
        }
        if (value != 0 && value != 1) {
            return "stateset sample " + labels.name() + " must be 0 or 1";
        }
        return null;
    }

    private static int find(LabelBuffer labels, String key) {
        for (int i = 0; i < labels.labelCount(); i++) {
            if (labels.keyEquals(i, key)) {
                return i;
            }
        }
        return -1;
    }
}

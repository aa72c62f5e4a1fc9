package io.vigil.wire.remotewrite;

import io.vigil.wire.LabelBuffer;

/** Turns remote write label pairs into a {@link LabelBuffer}: {@code __name__} is the metric name. */
final class SeriesLabels {
    private static final byte[] NAME_LABEL = {'_', '_', 'n', 'a', 'm', 'e', '_', '_'};

    private SeriesLabels() {
    }

    /**
     * Adds one pair. A label with an empty value is the same as no label in Prometheus, so it is left
     * out. Returns false when {@code __name__} is given twice.
     */
    static boolean add(LabelBuffer labels, byte[] b, int nameOff, int nameLen, int valueOff, int valueLen) {
        if (isNameLabel(b, nameOff, nameLen)) {
            if (labels.hasName()) {
                return false;
            }
            labels.setName(b, valueOff, valueLen);
        } else if (valueLen > 0) {
            labels.addLabel(b, nameOff, nameLen, b, valueOff, valueLen);
        }
        return true;
    }

    private static boolean isNameLabel(byte[] b, int off, int len) {
        if (len != NAME_LABEL.length) {
            return false;
        }
        for (int i = 0; i < len; i++) {
            if (b[off + i] != NAME_LABEL[i]) {
                return false;
            }
        }
        return true;
    }
}

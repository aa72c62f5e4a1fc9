package io.vigil.model;

/**
 * Validation of metric names, label names and values, shared by every ingest protocol so that a
 * series refused by one endpoint is refused by all of them, with the same reason.
 *
 * <p>Every check returns {@code null} when the input is fine, otherwise a reason a user can act on.
 */
public final class SeriesRules {
    public static final int MAX_METRIC_NAME_LENGTH = 256;
    public static final int MAX_LABEL_NAME_LENGTH = 128;
    public static final int MAX_LABEL_VALUE_LENGTH = 2048;
    public static final int MAX_LABELS_PER_SERIES = 64;

    private SeriesRules() {
    }

    /** Metric names: {@code [A-Za-z_:][A-Za-z0-9_:.]*}; dots are allowed (Prometheus 3 quotes them in PromQL). */
    public static String checkMetricName(String name) {
        if (name == null || name.isEmpty()) {
            return "metric name is missing";
        }
        if (name.length() > MAX_METRIC_NAME_LENGTH) {
            return "metric name is longer than " + MAX_METRIC_NAME_LENGTH + " characters";
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == ':'
                    || i > 0 && (c >= '0' && c <= '9' || c == '.');
            if (!ok) {
                return "metric name \"" + abbreviate(name) + "\" has an invalid character at position " + i
                        + " (allowed: letters, digits, '_', ':', '.'; not starting with a digit or '.')";
            }
        }
        return null;
    }

    /** Label names: {@code [A-Za-z_][A-Za-z0-9_]*}, not starting with the reserved {@code __}. */
    public static String checkLabelName(String name) {
        if (name == null || name.isEmpty()) {
            return "label name is empty";
        }
        if (name.length() > MAX_LABEL_NAME_LENGTH) {
            return "label name \"" + abbreviate(name) + "\" is longer than " + MAX_LABEL_NAME_LENGTH + " characters";
        }
        if (name.startsWith("__")) {
            return "label name \"" + abbreviate(name) + "\" starts with the reserved prefix \"__\"";
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || i > 0 && c >= '0' && c <= '9';
            if (!ok) {
                return "label name \"" + abbreviate(name) + "\" has an invalid character at position " + i
                        + " (allowed: letters, digits, '_'; not starting with a digit)";
            }
        }
        return null;
    }

    public static String checkLabelValue(String name, String value) {
        if (value == null) {
            return "label \"" + abbreviate(name) + "\" has no value";
        }
        if (value.isEmpty()) {
            return "label \"" + abbreviate(name) + "\" has an empty value (omit the label instead)";
        }
        if (value.length() > MAX_LABEL_VALUE_LENGTH) {
            return "label \"" + abbreviate(name) + "\" has a value longer than " + MAX_LABEL_VALUE_LENGTH + " characters";
        }
        if (value.indexOf('\u0000') >= 0) {
            return "label \"" + abbreviate(name) + "\" has a NUL character in its value";
        }
        return null;
    }

    /** Checks a sample's time against the accepted window [now - maxAge, now + maxAhead]. */
    public static String checkTimestamp(long timestampMillis, long nowMillis, long maxAgeMillis, long maxAheadMillis) {
        if (timestampMillis > nowMillis + maxAheadMillis) {
            return "timestamp " + java.time.Instant.ofEpochMilli(timestampMillis) + " is more than "
                    + maxAheadMillis / 1000 + " s in the future";
        }
        if (timestampMillis < nowMillis - maxAgeMillis) {
            return "timestamp " + java.time.Instant.ofEpochMilli(timestampMillis) + " is older than the accepted lateness of "
                    + maxAgeMillis / 1000 + " s";
        }
        return null;
    }

    public static String checkValue(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return "value " + value + " is not a finite number";
        }
        return null;
    }

    /** {@link #checkMetricName} on UTF-8 bytes, without allocating: true when the name is fine. */
    public static boolean isValidMetricName(byte[] b, int offset, int length) {
        if (length == 0 || length > MAX_METRIC_NAME_LENGTH) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            int c = b[offset + i];
            boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == ':'
                    || i > 0 && (c >= '0' && c <= '9' || c == '.');
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** {@link #checkLabelName} on UTF-8 bytes, without allocating: true when the name is fine. */
    public static boolean isValidLabelName(byte[] b, int offset, int length) {
        if (length == 0 || length > MAX_LABEL_NAME_LENGTH || length >= 2 && b[offset] == '_' && b[offset + 1] == '_') {
            return false;
        }
        for (int i = 0; i < length; i++) {
            int c = b[offset + i];
            boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || i > 0 && c >= '0' && c <= '9';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@link #checkLabelValue} on bytes, without allocating: true when they are well-formed UTF-8 (a
     * malformed value would turn into U+FFFD on decoding and no longer match its series id), not
     * empty, without NUL and at most {@link #MAX_LABEL_VALUE_LENGTH} UTF-16 chars long, as a String
     * would count them.
     */
    public static boolean isValidLabelValue(byte[] b, int offset, int length) {
        if (length == 0) {
            return false;
        }
        int chars = 0;
        int i = offset;
        int end = offset + length;
        while (i < end) {
            int c = b[i] & 0xFF;
            if (c < 0x80) {
                if (c == 0) {
                    return false;
                }
                i++;
                chars++;
                continue;
            }
            int n = Utf8.sequenceLength(b, i, end);
            if (n < 0) {
                return false;
            }
            i += n;
            chars += n == 4 ? 2 : 1;
        }
        return chars <= MAX_LABEL_VALUE_LENGTH;
    }

    /** The reason a label value given as bytes is refused; allocates, so only for refused values. */
    public static String checkLabelValue(String name, byte[] b, int offset, int length) {
        if (!Utf8.isWellFormed(b, offset, length)) {
            return "label \"" + abbreviate(name) + "\" has a value that is not valid UTF-8";
        }
        return checkLabelValue(name, new String(b, offset, length, java.nio.charset.StandardCharsets.UTF_8));
    }

    static String abbreviate(String s) {
        return s.length() <= 64 ? s : s.substring(0, 61) + "...";
    }
}

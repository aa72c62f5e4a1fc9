package io.vigil.wire.exposition;

/**
 * Metric family types and the sample name suffixes each allows. The text format 0.0.4 knows counter,
 * gauge, histogram, summary and untyped; OpenMetrics adds gaugehistogram, info and stateset and calls
 * untyped "unknown", and its counters, histograms and summaries carry {@code _created} samples.
 */
public enum MetricType {
    COUNTER("counter", new String[] {""}, new String[] {"_total", "_created"}),
    GAUGE("gauge", new String[] {""}, new String[] {""}),
    HISTOGRAM("histogram", new String[] {"_bucket", "_sum", "_count"}, new String[] {"_bucket", "_sum", "_count", "_created"}),
    GAUGE_HISTOGRAM("gaugehistogram", null, new String[] {"_bucket", "_gsum", "_gcount"}),
    SUMMARY("summary", new String[] {"", "_sum", "_count"}, new String[] {"", "_sum", "_count", "_created"}),
    INFO("info", null, new String[] {"_info"}),
    STATESET("stateset", null, new String[] {""}),
    /** "untyped" in the text format 0.0.4, "unknown" in OpenMetrics. */
    UNKNOWN("unknown", new String[] {""}, new String[] {""});

    private final String openMetricsName;
    private final String[] textSuffixes;
    private final String[] openMetricsSuffixes;

    MetricType(String openMetricsName, String[] textSuffixes, String[] openMetricsSuffixes) {
        this.openMetricsName = openMetricsName;
        this.textSuffixes = textSuffixes;
        this.openMetricsSuffixes = openMetricsSuffixes;
    }

    /** The name in a TYPE line of the given format ("untyped" for UNKNOWN in the text format). */
    public String typeName(ExpositionFormat format) {
        return this == UNKNOWN && format == ExpositionFormat.PROMETHEUS_TEXT ? "untyped" : openMetricsName;
    }

    /** The sample name suffixes a family of this type has in the given format (empty string = the family name). */
    String[] suffixes(ExpositionFormat format) {
        return format == ExpositionFormat.OPENMETRICS ? openMetricsSuffixes : textSuffixes;
    }

    /** The type a TYPE line names (case-sensitively), or null when the format does not know it. */
    static MetricType fromTypeName(byte[] b, int from, int to, ExpositionFormat format) {
        for (MetricType t : values()) {
            String name = t.typeName(format);
            if (t.suffixes(format) != null && to - from == name.length() && matches(b, from, name)) {
                return t;
            }
        }
        return null;
    }

    private static boolean matches(byte[] b, int from, String name) {
        for (int i = 0; i < name.length(); i++) {
            if (b[from + i] != name.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}

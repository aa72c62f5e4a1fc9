package io.vigil.wire.otlp;

/**
 * The part of the OTLP metrics schema the JSON transcoder needs: for each message, its fields' JSON
 * names (lowerCamelCase, as OTLP/JSON requires; the proto names are accepted too), numbers and types
 * (opentelemetry-proto {@code collector/metrics/v1}, {@code metrics/v1}, {@code common/v1},
 * {@code resource/v1}). Fields not listed (exemplars, entity refs…) are skipped, as the OTLP spec
 * asks of receivers for unknown fields.
 */
final class JsonSchema {
    enum Type { MESSAGE, STRING, BYTES, DOUBLE, FIXED64, SFIXED64, INT64, UINT32, BOOL, TEMPORALITY }

    record Field(String json, String proto, int number, Type type, Message message) {
    }

    static final class Message {
        final String name;
        private Field[] fields;

        Message(String name) {
            this.name = name;
        }

        /** The field named key (JSON or proto name), or null. Names are interned by Jackson: cheap. */
        Field find(String key) {
            for (Field f : fields) {
                if (f.json.equals(key) || f.proto.equals(key)) {
                    return f;
                }
            }
            return null;
        }
    }

    static final Message REQUEST = new Message("ExportMetricsServiceRequest");
    private static final Message RESOURCE_METRICS = new Message("ResourceMetrics");
    private static final Message RESOURCE = new Message("Resource");
    private static final Message SCOPE_METRICS = new Message("ScopeMetrics");
    private static final Message SCOPE = new Message("InstrumentationScope");
    private static final Message METRIC = new Message("Metric");
    private static final Message GAUGE = new Message("Gauge");
    private static final Message SUM = new Message("Sum");
    private static final Message HISTOGRAM = new Message("Histogram");
    private static final Message EXPONENTIAL_HISTOGRAM = new Message("ExponentialHistogram");
    private static final Message SUMMARY = new Message("Summary");
    private static final Message NUMBER_POINT = new Message("NumberDataPoint");
    private static final Message HISTOGRAM_POINT = new Message("HistogramDataPoint");
    /** Only counted (its metric is refused), so none of its fields are needed. */
    private static final Message EXPONENTIAL_POINT = new Message("ExponentialHistogramDataPoint");
    private static final Message SUMMARY_POINT = new Message("SummaryDataPoint");
    private static final Message QUANTILE = new Message("ValueAtQuantile");
    private static final Message KEY_VALUE = new Message("KeyValue");
    private static final Message ANY_VALUE = new Message("AnyValue");
    private static final Message ARRAY_VALUE = new Message("ArrayValue");
    private static final Message KEY_VALUE_LIST = new Message("KeyValueList");

    static {
        REQUEST.fields = new Field[] {msg("resourceMetrics", "resource_metrics", 1, RESOURCE_METRICS)};
        RESOURCE_METRICS.fields = new Field[] {msg("resource", "resource", 1, RESOURCE),
            msg("scopeMetrics", "scope_metrics", 2, SCOPE_METRICS)};
        RESOURCE.fields = new Field[] {msg("attributes", "attributes", 1, KEY_VALUE)};
        SCOPE_METRICS.fields = new Field[] {msg("scope", "scope", 1, SCOPE), msg("metrics", "metrics", 2, METRIC)};
        SCOPE.fields = new Field[] {of("name", "name", 1, Type.STRING), of("version", "version", 2, Type.STRING),
            msg("attributes", "attributes", 3, KEY_VALUE)};
        METRIC.fields = new Field[] {of("name", "name", 1, Type.STRING), of("unit", "unit", 3, Type.STRING),
            msg("gauge", "gauge", 5, GAUGE), msg("sum", "sum", 7, SUM), msg("histogram", "histogram", 9, HISTOGRAM),
            msg("exponentialHistogram", "exponential_histogram", 10, EXPONENTIAL_HISTOGRAM),
            msg("summary", "summary", 11, SUMMARY)};
        GAUGE.fields = new Field[] {msg("dataPoints", "data_points", 1, NUMBER_POINT)};
        SUM.fields = new Field[] {msg("dataPoints", "data_points", 1, NUMBER_POINT), temporality(),
            of("isMonotonic", "is_monotonic", 3, Type.BOOL)};
        HISTOGRAM.fields = new Field[] {msg("dataPoints", "data_points", 1, HISTOGRAM_POINT), temporality()};
        EXPONENTIAL_HISTOGRAM.fields = new Field[] {msg("dataPoints", "data_points", 1, EXPONENTIAL_POINT),
            temporality()};
        SUMMARY.fields = new Field[] {msg("dataPoints", "data_points", 1, SUMMARY_POINT)};
        NUMBER_POINT.fields = new Field[] {msg("attributes", "attributes", 7, KEY_VALUE), time(),
            of("asDouble", "as_double", 4, Type.DOUBLE), of("asInt", "as_int", 6, Type.SFIXED64),
            of("flags", "flags", 8, Type.UINT32)};
        HISTOGRAM_POINT.fields = new Field[] {msg("attributes", "attributes", 9, KEY_VALUE), time(),
            of("count", "count", 4, Type.FIXED64), of("sum", "sum", 5, Type.DOUBLE),
            of("bucketCounts", "bucket_counts", 6, Type.FIXED64), of("explicitBounds", "explicit_bounds", 7, Type.DOUBLE),
            of("flags", "flags", 10, Type.UINT32)};
        EXPONENTIAL_POINT.fields = new Field[0];
        SUMMARY_POINT.fields = new Field[] {msg("attributes", "attributes", 7, KEY_VALUE), time(),
            of("count", "count", 4, Type.FIXED64), of("sum", "sum", 5, Type.DOUBLE),
            msg("quantileValues", "quantile_values", 6, QUANTILE), of("flags", "flags", 8, Type.UINT32)};
        QUANTILE.fields = new Field[] {of("quantile", "quantile", 1, Type.DOUBLE), of("value", "value", 2, Type.DOUBLE)};
        KEY_VALUE.fields = new Field[] {of("key", "key", 1, Type.STRING), msg("value", "value", 2, ANY_VALUE)};
        ANY_VALUE.fields = new Field[] {of("stringValue", "string_value", 1, Type.STRING),
            of("boolValue", "bool_value", 2, Type.BOOL), of("intValue", "int_value", 3, Type.INT64),
            of("doubleValue", "double_value", 4, Type.DOUBLE), msg("arrayValue", "array_value", 5, ARRAY_VALUE),
            msg("kvlistValue", "kvlist_value", 6, KEY_VALUE_LIST), of("bytesValue", "bytes_value", 7, Type.BYTES)};
        ARRAY_VALUE.fields = new Field[] {msg("values", "values", 1, ANY_VALUE)};
        KEY_VALUE_LIST.fields = new Field[] {msg("values", "values", 1, KEY_VALUE)};
    }

    private JsonSchema() {
    }

    private static Field of(String json, String proto, int number, Type type) {
        return new Field(json, proto, number, type, null);
    }

    private static Field msg(String json, String proto, int number, Message message) {
        return new Field(json, proto, number, Type.MESSAGE, message);
    }

    private static Field temporality() {
        return of("aggregationTemporality", "aggregation_temporality", 2, Type.TEMPORALITY);
    }

    /** Only time_unix_nano (3) is used; start_time_unix_nano is not needed for storage. */
    private static Field time() {
        return of("timeUnixNano", "time_unix_nano", 3, Type.FIXED64);
    }
}

package io.vigil.query.storage;

/**
 * What Prometheus' {@code /api/v1/metadata} reports per metric. Vigil stores no HELP, TYPE or UNIT
 * (the push protocols' metadata is not kept), so every known metric is reported with type
 * {@code unknown} and empty help and unit, which Prometheus clients and Grafana accept.
 */
public record MetricMetadata(String type, String help, String unit) {
    public static final MetricMetadata UNKNOWN = new MetricMetadata("unknown", "", "");
}

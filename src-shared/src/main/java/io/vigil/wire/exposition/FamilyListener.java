package io.vigil.wire.exposition;

/**
 * Told about each metric family just before its first sample reaches the {@link io.vigil.wire.SampleSink}
 * (so every sample until the next call belongs to it). Families without samples are not reported.
 * Allocates a few Strings per family, never per sample; pass none when the metadata is not wanted.
 */
@FunctionalInterface
public interface FamilyListener {
    /**
     * @param name the family name (for an OpenMetrics counter without the {@code _total} suffix)
     * @param type the declared type, {@link MetricType#UNKNOWN} without a TYPE line
     * @param help the HELP text unescaped, or null
     * @param unit the OpenMetrics UNIT, or null
     */
    void family(String name, MetricType type, String help, String unit);
}

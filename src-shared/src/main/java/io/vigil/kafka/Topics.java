package io.vigil.kafka;

/** Kafka topic names: the one place they are spelled. */
public final class Topics {
    /** Samples from every ingest protocol; value = {@link SampleBatchCodec} (v2: many series, partition chosen by {@link SampleBatchCodec#partitionOf}). */
    public static final String SAMPLES = "vigil.samples";
    /** One record per notification (a group of alerts for one receiver); key = group key. */
    public static final String NOTIFICATIONS = "vigil.notifications";

    /**
     * Compacted: the last state of each Pushgateway group (key = grouping labels, value = its last pushed
     * series and push times; a tombstone when deleted). Written and read only by ingest's gateway role.
     */
    public static final String PUSHGATEWAY_GROUPS = "vigil.pushgateway.groups";

    private Topics() {
    }
}

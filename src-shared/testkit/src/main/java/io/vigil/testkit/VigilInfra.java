package io.vigil.testkit;

import io.vigil.kafka.Topics;

/**
 * The test JVM's shared infrastructure, started on first use and stopped when the JVM exits, so that
 * every test class of a module reuses one Kafka, one TimescaleDB and one Redis.
 */
public final class VigilInfra {
    /** Partitions of {@link Topics#SAMPLES} in tests: more than one, so that ordering by key matters. */
    public static final int SAMPLE_PARTITIONS = 4;

    private static EmbeddedKafka kafka;
    private static EmbeddedTimescale timescale;
    private static EmbeddedRedis redis;

    private VigilInfra() {
    }

    public static synchronized EmbeddedKafka kafka() {
        if (kafka == null) {
            kafka = EmbeddedKafka.start();
            kafka.createTopic(Topics.SAMPLES, SAMPLE_PARTITIONS);
            EmbeddedKafka k = kafka;
            Runtime.getRuntime().addShutdownHook(new Thread(k::close, "kafka-stop"));
        }
        return kafka;
    }

    public static synchronized EmbeddedTimescale timescale() {
        if (timescale == null) {
            timescale = EmbeddedTimescale.startInMemory();
        }
        return timescale;
    }

    public static synchronized EmbeddedRedis redis() {
        if (redis == null) {
            redis = EmbeddedRedis.start();
        }
        return redis;
    }
}

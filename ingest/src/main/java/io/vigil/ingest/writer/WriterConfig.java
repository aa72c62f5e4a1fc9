package io.vigil.ingest.writer;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The writer role: consumes vigil.samples and stores it in TimescaleDB. */
@ConfigMapping(prefix = "vigil.writer")
public interface WriterConfig {
    /** Whether this process runs the writer. */
    @WithDefault("true")
    boolean enabled();

    /** Kafka consumer group of all writers. */
    @WithDefault("vigil-writer")
    String groupId();

    /**
     * Records fetched per poll (v1 records hold one series, v2 records many: {@link #maxPollBytes()} is
     * the bound that matters for them); one poll becomes one database transaction. Large
     * transactions are what the database is fast at: 2,000 gave 32k samples/s end to end on the
     * embedded server, 10,000 about 41k.
     */
    @WithDefault("10000")
    int maxPollRecords();

    /**
     * Bytes fetched per poll (Kafka fetch.max.bytes; a quarter of it per partition). Since encoding v2
     * one record carries many series, so the record count alone no longer bounds memory: after an
     * outage a 10,000-record poll held millions of samples and ran a 256 MB writer out of heap.
     */
    @WithDefault("4M")
    io.quarkus.runtime.configuration.MemorySize maxPollBytes();

    /** First wait after a failed database write; doubles up to {@link #retryBackoffMax()}. */
    @WithDefault("500ms")
    Duration retryBackoff();

    @WithDefault("30s")
    Duration retryBackoffMax();

    /** How often a series' last_seen is refreshed in the catalogue. */
    @WithDefault("1h")
    Duration catalogueRefresh();

    /**
     * Run TimescaleDB's policy jobs (refresh, compression, retention) from this process. Only for a
     * database without a background scheduler, such as the embedded one; leave off on a real server.
     */
    @WithDefault("false")
    boolean runPolicyJobs();

    /** How often due policy jobs are looked for. */
    @WithDefault("30s")
    Duration policyCheckInterval();

    /**
     * Whether the writer marks hours that received late samples in Redis (quarkus.redis.hosts), so the
     * query tier's block cache drops answers they change. Off only where no query cache is used.
     */
    @WithDefault("true")
    boolean lateMarks();
}

package io.vigil.ingest.writer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.value.SetArgs;
import io.quarkus.redis.datasource.value.ValueCommands;
import io.vigil.cache.LateSampleMarks;
import io.vigil.kafka.SeriesBatch;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.TreeSet;
import org.jboss.logging.Logger;

/**
 * After a transaction committed, marks in Redis every hour that received a late sample, so that the
 * query tier's block cache stops serving answers computed before it (contract: {@link
 * LateSampleMarks}). Redis is optional for the writer: marks that cannot be written are kept (bounded)
 * and retried with the next batch, and the cache's TTLs bound the harm if they are lost.
 */
@ApplicationScoped
public class LateSampleMarker {
    private static final Logger LOG = Logger.getLogger(LateSampleMarker.class);
    private static final int MAX_PENDING = 10_000;

    private final ValueCommands<String, String> redis;
    private final boolean enabled;
    private final Counter marked;
    private final Counter failures;
    private final TreeSet<Long> pending = new TreeSet<>();
    private long lastWarning;

    LateSampleMarker(RedisDataSource redis, WriterConfig config, MeterRegistry registry) {
        this.redis = redis.value(String.class, String.class);
        this.enabled = config.lateMarks();
        this.marked = registry.counter("vigil_writer_late_hours_marked_total");
        this.failures = registry.counter("vigil_writer_late_mark_failures_total");
    }

    /** Called by the consumer thread after the batches' transaction committed. */
    public void afterCommit(List<SeriesBatch> batches, long commitMillis) {
        if (!enabled) {
            return;
        }
        for (SeriesBatch b : batches) {
            long[] t = b.timestamps();
            for (int i = 0; i < b.count(); i++) {
                if (LateSampleMarks.isLate(t[i], commitMillis) && pending.size() < MAX_PENDING) {
                    pending.add(LateSampleMarks.granuleOf(t[i]));
                }
            }
        }
        if (pending.isEmpty()) {
            return;
        }
        String value = Long.toString(commitMillis);
        SetArgs ttl = new SetArgs().ex(Duration.ofSeconds(LateSampleMarks.MARK_TTL_SECONDS));
        try {
            while (!pending.isEmpty()) {
                redis.set(LateSampleMarks.key(pending.first()), value, ttl);
                pending.pollFirst();
                marked.increment();
            }
        } catch (RuntimeException e) {
            failures.increment();
            if (commitMillis - lastWarning > 60_000) {
                lastWarning = commitMillis;
                LOG.warnf("could not mark %d hours with late samples in Redis (will retry with the next batch;"
                        + " cached query blocks for them may be stale until their TTL): %s", pending.size(), e.toString());
            }
        }
    }
}

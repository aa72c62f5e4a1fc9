package io.vigil.query.cache;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.value.SetArgs;
import io.quarkus.redis.datasource.value.ValueCommands;
import io.vigil.cache.LateSampleMarks;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Redis access of the block cache: late-sample marks and block bytes. Redis is only a cache: every
 * failure answers "unknown" (null) and the caller computes from the database. After a failure Redis
 * is left alone for a short pause, so a Redis that hangs costs one timeout, not one per query.
 */
@ApplicationScoped
public class BlockCache {
    private static final Logger LOG = Logger.getLogger(BlockCache.class);
    private static final long PAUSE_AFTER_FAILURE_MILLIS = 5_000;

    private final ValueCommands<String, String> marks;
    private final ValueCommands<String, byte[]> blocks;
    private final Counter errors;
    private volatile long pausedUntil;
    private volatile long lastWarning;

    BlockCache(RedisDataSource redis, MeterRegistry registry) {
        this.marks = redis.value(String.class, String.class);
        this.blocks = redis.value(String.class, byte[].class);
        this.errors = registry.counter("vigil_query_cache_errors_total");
    }

    /** The late marks (commit times) of the given hours, 0 for unmarked hours; null when Redis is unavailable. */
    public long[] marks(long[] hours) {
        if (paused()) {
            return null;
        }
        try {
            String[] keys = new String[hours.length];
            for (int i = 0; i < hours.length; i++) {
                keys[i] = LateSampleMarks.key(hours[i]);
            }
            Map<String, String> found = keys.length == 0 ? Map.of() : marks.mget(keys);
            long[] result = new long[hours.length];
            for (int i = 0; i < keys.length; i++) {
                String v = found.get(keys[i]);
                result[i] = v == null ? 0 : Long.parseLong(v);
            }
            return result;
        } catch (RuntimeException e) {
            failed("read late marks", e);
            return null;
        }
    }

    /** Cached blocks by key (absent keys missing from the map); null when Redis is unavailable. */
    public Map<String, byte[]> get(String[] keys) {
        if (paused()) {
            return null;
        }
        try {
            return present(blocks.mget(keys));
        } catch (RuntimeException e) {
            failed("read blocks", e);
            return null;
        }
    }

    public void put(String key, byte[] value, Duration ttl) {
        if (paused()) {
            return;
        }
        try {
            blocks.set(key, value, new SetArgs().ex(ttl));
        } catch (RuntimeException e) {
            failed("write a block", e);
        }
    }

    private static Map<String, byte[]> present(Map<String, byte[]> found) {
        Map<String, byte[]> present = new HashMap<>();
        found.forEach((k, v) -> {
            if (v != null) {
                present.put(k, v);
            }
        });
        return present;
    }

    private boolean paused() {
        return System.currentTimeMillis() < pausedUntil;
    }

    private void failed(String what, RuntimeException e) {
        errors.increment();
        long now = System.currentTimeMillis();
        pausedUntil = now + PAUSE_AFTER_FAILURE_MILLIS;
        if (now - lastWarning > 60_000) {
            lastWarning = now;
            LOG.warnf("block cache could not %s, answering uncached for %d s: %s", what,
                    PAUSE_AFTER_FAILURE_MILLIS / 1000, e.toString());
        }
    }
}

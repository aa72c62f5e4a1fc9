package io.vigil.query.cache;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.value.ValueCommands;
import io.vigil.query.range.RangeResult;
import io.vigil.query.storage.Tier;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import org.jboss.logging.Logger;

/**
 * Answers of closed ranges in Redis, keyed by a hash of the normalized query (metric, matchers,
 * aggregation, grouping, tier, aligned range and step). Redis being slow or away never fails a query:
 * the cache then reports a miss and the answer is computed from the database.
 */
@ApplicationScoped
public class ResultCache {
    private static final Logger LOG = Logger.getLogger(ResultCache.class);
    private static final String PREFIX = "vigil:range:v1:";

    private final ValueCommands<String, String> values;
    private final ObjectMapper json;
    private final CacheConfig config;
    private final Counter hits;
    private final Counter misses;
    private final Counter errors;
    private volatile long lastWarning;

    ResultCache(RedisDataSource redis, ObjectMapper json, CacheConfig config, MeterRegistry registry) {
        this.values = redis.value(String.class);
        this.json = json;
        this.config = config;
        this.hits = registry.counter("vigil_query_cache_requests_total", "result", "hit");
        this.misses = registry.counter("vigil_query_cache_requests_total", "result", "miss");
        this.errors = registry.counter("vigil_query_cache_requests_total", "result", "error");
    }

    public static String key(String normalizedQuery) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(normalizedQuery.getBytes(StandardCharsets.UTF_8));
            return PREFIX + HexFormat.of().formatHex(digest, 0, 20);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The cached answer, or null on a miss or when Redis is unavailable. */
    public RangeResult get(String key) {
        try {
            String cached = values.get(key);
            if (cached == null) {
                misses.increment();
                return null;
            }
            hits.increment();
            return json.readValue(cached, RangeResult.class);
        } catch (RuntimeException | JsonProcessingException e) {
            failed("read", e);
            return null;
        }
    }

    public void put(String key, Tier tier, RangeResult result) {
        try {
            values.setex(key, ttl(tier).toSeconds(), json.writeValueAsString(result));
        } catch (RuntimeException | JsonProcessingException e) {
            failed("write", e);
        }
    }

    public boolean enabled() {
        return config.enabled();
    }

    public Duration settle() {
        return config.settle();
    }

    private Duration ttl(Tier tier) {
        return switch (tier) {
            case RAW -> config.ttlRaw();
            case ONE_MINUTE -> config.ttl1m();
            case ONE_HOUR -> config.ttl1h();
        };
    }

    private void failed(String what, Exception e) {
        errors.increment();
        long now = System.currentTimeMillis();
        if (now - lastWarning > 60_000) {
            lastWarning = now;
            LOG.warnf("result cache %s failed, answering uncached: %s", what, e.toString());
        }
    }
}

package io.vigil.query.cache;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The Redis result cache. */
@ConfigMapping(prefix = "vigil.query.cache")
public interface CacheConfig {
    /** Whether answers are cached at all. */
    @WithDefault("true")
    boolean enabled();

    /**
     * A range is closed, and its answer cacheable, once its end is older than this: the ingest's
     * accepted lateness (2 days) plus a margin for a writer catching up. Until then a late sample could
     * still change the answer.
     */
    @WithDefault("50h")
    Duration settle();

    /** How long an answer from each tier stays cached; bounds the harm of a sample later than promised. */
    @WithDefault("1h")
    Duration ttlRaw();

    @WithDefault("6h")
    Duration ttl1m();

    @WithDefault("24h")
    Duration ttl1h();
}

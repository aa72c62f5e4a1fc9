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
     * A block answered from a rollup tier and depending on an hour that received a late sample less
     * than this ago is not cached: the rollups may not have been refreshed over it yet (the 1h
     * aggregate refreshes every 30 minutes). Raw answers are cached at once.
     */
    @WithDefault("35m")
    Duration rollupSettle();

    /** The PromQL lookback delta; must equal the engine's, as it decides which samples a block reads. */
    @WithDefault("5m")
    Duration lookback();

    /** How long an answer from each tier stays cached; bounds the harm of a sample later than promised. */
    @WithDefault("1h")
    Duration ttlRaw();

    @WithDefault("6h")
    Duration ttl1m();

    @WithDefault("24h")
    Duration ttl1h();
}

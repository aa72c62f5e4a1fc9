package io.vigil.query.api.live;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Server-sent event streams of {@code GET /api/v1/live}. */
@ConfigMapping(prefix = "vigil.query.live")
public interface LiveConfig {
    /** Streams open at once; one more is answered 503. Each re-evaluates its query every step. */
    @WithDefault("64")
    int maxStreams();

    /** Smallest accepted step: bounds the load one stream puts on the database. */
    @WithDefault("1s")
    Duration minStep();

    /** Lookback when the request names none. */
    @WithDefault("1h")
    Duration defaultLookback();

    /** A comment line is sent this often, so proxies keep the connection and clients see it alive. */
    @WithDefault("15s")
    Duration heartbeat();

    /** Threads evaluating the streams' steps (JDBC blocks, so not the event loop). */
    @WithDefault("2")
    int threads();
}

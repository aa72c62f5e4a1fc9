package io.vigil.ingest.gateway.influx;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/** The InfluxDB-compatible write endpoints ({@code /write}, {@code /api/v2/write}). */
@ConfigMapping(prefix = "vigil.gateway.influx")
public interface InfluxConfig {
    /**
     * A label to carry the InfluxDB database (1.x {@code db}) or bucket (2.x {@code bucket}) of the
     * request, e.g. {@code db}. Unset by default: the database is then
     * ignored, so the same Telegraf data written to two databases lands in the same series. A line
     * that has a tag of this name keeps its tag.
     */
    Optional<String> databaseLabel();
}

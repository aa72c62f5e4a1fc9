package io.vigil.testkit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.HashMap;
import java.util.Map;

/**
 * Quarkus test resource that points a service at the shared real infrastructure. Use with
 * {@code @WithTestResource(VigilInfraResource.class)} (or {@code @QuarkusTestResource}); which parts
 * start is chosen by the init arguments {@code kafka}, {@code timescale}, {@code redis} (all by default).
 */
public class VigilInfraResource implements QuarkusTestResourceLifecycleManager {
    private boolean kafka = true;
    private boolean timescale = true;
    private boolean redis = true;

    @Override
    public void init(Map<String, String> args) {
        kafka = !"false".equals(args.get("kafka"));
        timescale = !"false".equals(args.get("timescale"));
        redis = !"false".equals(args.get("redis"));
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>();
        if (kafka) {
            config.put("kafka.bootstrap.servers", VigilInfra.kafka().bootstrapServers());
        }
        if (timescale) {
            EmbeddedTimescale db = VigilInfra.timescale();
            config.put("quarkus.datasource.jdbc.url", db.jdbcUrl());
            config.put("quarkus.datasource.username", EmbeddedTimescale.USER);
            config.put("quarkus.datasource.password", EmbeddedTimescale.PASSWORD);
        }
        if (redis) {
            config.put("quarkus.redis.hosts", VigilInfra.redis().url());
        }
        return config;
    }

    @Override
    public void stop() {
        // Shared for the whole JVM; stopped by shutdown hooks.
    }
}

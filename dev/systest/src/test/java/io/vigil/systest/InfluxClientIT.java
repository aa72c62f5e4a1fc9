package io.vigil.systest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.influx.InfluxConfig;
import io.micrometer.influx.InfluxMeterRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Micrometer's InfluxMeterRegistry, unchanged, pushing into a gateway that requires tokens: the 2.x
 * API with {@code Authorization: Token}, and the 1.x API with basic auth (after its CREATE DATABASE),
 * both gzip-compressed as Micrometer sends by default. What it pushed is read back through the query
 * service's range API.
 */
class InfluxClientIT {
    private static final String TOKEN = "micrometer-systest-token-0123456789";
    private static final VigilSystem system = SharedSystem.get();
    private static VigilSystem.Service gateway;

    @BeforeAll
    static void startGatewayWithTokens() {
        gateway = system.extraIngest("ingest-influx-auth", Map.of("VIGIL_WRITER_ENABLED", "false",
                "VIGIL_GATEWAY_AUTH_ENABLED", "true",
                "VIGIL_GATEWAY_AUTH_SOURCES_MICROMETER_TOKEN", TOKEN,
                "VIGIL_GATEWAY_AUTH_SOURCES_MICROMETER_PROTOCOLS", "influx"));
    }

    @AfterAll
    static void stopGateway() {
        if (gateway != null) {
            gateway.stop();
        }
    }

    private static InfluxMeterRegistry registry(Map<String, String> settings) {
        Map<String, String> config = new HashMap<>(settings);
        config.put("influx.uri", gateway.url(""));
        config.put("influx.step", "1h"); // nothing is published on schedule: close() publishes once
        InfluxConfig influx = config::get;
        InfluxMeterRegistry registry = InfluxMeterRegistry.builder(influx).clock(Clock.SYSTEM).build();
        registry.config().commonTags("host", "systest");
        return registry;
    }

    private static void record(InfluxMeterRegistry registry, String prefix) {
        AtomicInteger gauge = registry.gauge(prefix + ".queue.depth", new AtomicInteger());
        gauge.set(42);
        Counter counter = registry.counter(prefix + ".requests", "status", "ok");
        counter.increment(3);
        counter.increment(2);
        registry.close(); // publishes the current step
    }

    /** The one series of {@code metric} that has the given labels ({@code "key:value"} each). */
    private JsonNode awaitSeries(String metric, String... labels) throws Exception {
        long now = System.currentTimeMillis() / 1000;
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        java.util.List<String> params = new java.util.ArrayList<>(java.util.List.of("metric", metric, "start",
                Long.toString(now - 600), "end", Long.toString(now + 60), "step", "60", "agg", "max"));
        for (String label : labels) {
            params.add("match");
            params.add(label);
        }
        while (true) {
            JsonNode data = system.range(params.toArray(String[]::new));
            if (data.get("series").size() > 0 || System.nanoTime() > deadline) {
                assertThat(data.get("series")).as(metric + "; gateway log:\n" + gateway.logTail()).hasSize(1);
                return data.get("series").get(0);
            }
            Thread.sleep(500);
        }
    }

    private static double lastValue(JsonNode series) {
        JsonNode points = series.get("points");
        return points.get(points.size() - 1).get(1).asDouble();
    }

    @Test
    void influx2ApiWithAToken() throws Exception {
        record(registry(Map.of("influx.apiVersion", "V2", "influx.org", "vigil", "influx.bucket", "apps",
                "influx.token", TOKEN)), "sys.influx2");
        // Micrometer's tags (common ones, the meter's, its metric_type) arrive as labels.
        assertThat(lastValue(awaitSeries("sys_influx2_queue_depth_value", "host:systest", "metric_type:gauge")))
                .isEqualTo(42.0);
        assertThat(lastValue(awaitSeries("sys_influx2_requests_value", "host:systest", "status:ok", "metric_type:counter")))
                .isEqualTo(5.0);
    }

    @Test
    void influx1ApiWithBasicAuth() throws Exception {
        record(registry(Map.of("influx.apiVersion", "V1", "influx.db", "apps", "influx.userName", "micrometer",
                "influx.password", TOKEN, "influx.autoCreateDb", "true")), "sys.influx1");
        assertThat(lastValue(awaitSeries("sys_influx1_queue_depth_value"))).isEqualTo(42.0);
        assertThat(lastValue(awaitSeries("sys_influx1_requests_value"))).isEqualTo(5.0);
    }
}

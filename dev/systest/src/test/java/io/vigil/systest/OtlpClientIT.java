package io.vigil.systest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.util.NamedThreadFactory;
import io.micrometer.registry.otlp.AggregationTemporality;
import io.micrometer.registry.otlp.OtlpConfig;
import io.micrometer.registry.otlp.OtlpMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A real OTLP client, Micrometer's OtlpMeterRegistry, pushing into the running gateway, and the data
 * read back through the query service's range API.
 *
 * <p>The delta case plays a scale-to-zero function: each invocation is a fresh registry (a fresh
 * process) that counts from zero, reports its deltas when it shuts down, and is gone. The stored
 * series must be the running total, so its maximum equals everything counted.
 */
class OtlpClientIT {
    private static final int DELTA_STEP_SECONDS = 5;

    private final VigilSystem system = SharedSystem.get();

    private OtlpMeterRegistry registry(AggregationTemporality temporality, String service) {
        OtlpConfig config = new OtlpConfig() {
            @Override
            public String get(String key) {
                return null;
            }

            @Override
            public String url() {
                return system.gateway.url("/v1/metrics");
            }

            @Override
            public Duration step() {
                return Duration.ofSeconds(temporality == AggregationTemporality.DELTA ? DELTA_STEP_SECONDS : 1);
            }

            @Override
            public AggregationTemporality aggregationTemporality() {
                return temporality;
            }

            @Override
            public Map<String, String> resourceAttributes() {
                return Map.of("service.name", service);
            }
        };
        return new OtlpMeterRegistry(config, io.micrometer.core.instrument.Clock.SYSTEM);
    }

    @Test
    void deltaCountsOfThreeInvocationsAddUpToTheirTotal() throws Exception {
        long from = System.currentTimeMillis() / 1000 - 60;
        int[] counts = {3, 5, 2};
        for (int invocation : counts) {
            // Each invocation starts just after a step boundary of its own: Micrometer stamps a delta
            // point with its step, and two deltas of one series with the same timestamp are taken for
            // a resent request (ingest/README.md, "Delta temporality"); nor may an invocation straddle
            // a boundary, or close() would not publish all it counted.
            long stepMillis = DELTA_STEP_SECONDS * 1000L;
            Thread.sleep(stepMillis - System.currentTimeMillis() % stepMillis + 300);
            OtlpMeterRegistry r = registry(AggregationTemporality.DELTA, "sys-otlp-fn");
            Counter handled = Counter.builder("sys.otlp.fn.handled").register(r);
            Timer work = Timer.builder("sys.otlp.fn.work").register(r);
            for (int i = 0; i < invocation; i++) {
                handled.increment();
                work.record(Duration.ofMillis(20));
            }
            r.close(); // the function ends: Micrometer sends what this invocation counted
        }
        assertThat(Pushes.awaitStored(system, "sys_otlp_fn_handled_total", 3, Duration.ofSeconds(60))).isGreaterThanOrEqualTo(3);
        assertThat(max("sys_otlp_fn_handled_total", from)).isEqualTo(10);
        assertThat(Pushes.awaitStored(system, "sys_otlp_fn_work_milliseconds_count", 3, Duration.ofSeconds(60)))
                .isGreaterThanOrEqualTo(3);
        assertThat(max("sys_otlp_fn_work_milliseconds_count", from)).isEqualTo(10);
        assertThat(max("sys_otlp_fn_work_milliseconds_sum", from)).isGreaterThanOrEqualTo(200);
    }

    @Test
    void cumulativeCountersGaugesAndTimersArriveWithTheirValues() throws Exception {
        long from = System.currentTimeMillis() / 1000 - 60;
        OtlpMeterRegistry r = registry(AggregationTemporality.CUMULATIVE, "sys-otlp-app");
        r.start(new NamedThreadFactory("otlp-publish"));
        AtomicInteger queue = r.gauge("sys.otlp.app.queue", new AtomicInteger(42));
        Counter requests = Counter.builder("sys.otlp.app.requests").register(r);
        Timer latency = Timer.builder("sys.otlp.app.latency").register(r);
        for (int i = 0; i < 4; i++) {
            requests.increment();
            latency.record(Duration.ofMillis(5));
        }
        Thread.sleep(2500); // at least one periodic push
        for (int i = 0; i < 3; i++) {
            requests.increment();
        }
        queue.set(42);
        r.close();
        assertThat(Pushes.awaitStored(system, "sys_otlp_app_requests_total", 2, Duration.ofSeconds(60))).isGreaterThanOrEqualTo(2);
        assertThat(max("sys_otlp_app_requests_total", from)).isEqualTo(7);
        assertThat(max("sys_otlp_app_queue", from)).isEqualTo(42);
        assertThat(max("sys_otlp_app_latency_milliseconds_count", from)).isEqualTo(4);
    }

    /** The largest value of the metric since {@code fromSeconds}, through GET /api/v1/range. */
    private double max(String metric, long fromSeconds) throws Exception {
        JsonNode data = system.range("metric", metric, "start", Long.toString(fromSeconds),
                "end", Long.toString(System.currentTimeMillis() / 1000 + 60), "step", "60", "agg", "max");
        double max = Double.NEGATIVE_INFINITY;
        for (JsonNode series : data.get("series")) {
            for (JsonNode point : series.get("points")) {
                max = Math.max(max, point.get(1).asDouble());
            }
        }
        return max;
    }
}

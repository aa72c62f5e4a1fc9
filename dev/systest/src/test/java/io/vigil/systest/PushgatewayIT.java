package io.vigil.systest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.exporter.pushgateway.Format;
import io.prometheus.metrics.exporter.pushgateway.PushGateway;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Prometheus Java client's PushGateway exporter against running ingest processes: push, pushAdd and
 * delete, values read back through the query service, re-emission by one of two replicas, and the
 * groups surviving a restart of every replica. The replicas have their own consumer group and a 2 s
 * interval; the system's main gateway (15 s interval) re-emits the groups too, in its own group.
 */
class PushgatewayIT {
    private static final String GAUGE = "sys_pg_last_size_bytes";
    private static final String COUNTER = "sys_pg_rows_total";
    private final VigilSystem system = SharedSystem.get();

    private VigilSystem.Service replica(String name) {
        return system.extraIngest(name, Map.of("VIGIL_WRITER_ENABLED", "false",
                "VIGIL_GATEWAY_PUSHGATEWAY_INTERVAL", "2s", "VIGIL_GATEWAY_PUSHGATEWAY_CONSUMER_GROUP", "systest-pushgateway"));
    }

    private static PushGateway client(VigilSystem.Service replica, PrometheusRegistry registry, Format format) {
        return PushGateway.builder().address("127.0.0.1:" + replica.port).job("sys_backup").groupingKey("instance", "db1")
                .registry(registry).format(format).build();
    }

    @Test
    void theJavaClientPushesPushAddsAndDeletesAndTheValuesAreQueryable() throws Exception {
        VigilSystem.Service one = replica("ingest-pg1");
        VigilSystem.Service two = null;
        try {
            long start = System.currentTimeMillis() / 1000 - 5;
            PrometheusRegistry registry = new PrometheusRegistry();
            Gauge size = Gauge.builder().name(GAUGE).help("size of the last backup").register(registry);
            Counter rows = Counter.builder().name("sys_pg_rows").help("rows backed up").register(registry);
            size.set(42);
            rows.inc(7);
            assertThatThrownBy(() -> client(one, registry, Format.PROMETHEUS_PROTOBUF).push())
                    .isInstanceOf(IOException.class).hasMessageContaining("415");
            client(one, registry, Format.PROMETHEUS_TEXT).push();
            assertThat(awaitLatest(GAUGE, start, 42.0)).isEqualTo(42.0);
            assertThat(awaitLatest(COUNTER, start, 7.0)).isEqualTo(7.0);

            // pushAdd (POST) of the gauge alone: the counter stays.
            PrometheusRegistry onlyGauge = new PrometheusRegistry();
            Gauge.builder().name(GAUGE).help("size of the last backup").register(onlyGauge).set(43);
            client(one, onlyGauge, Format.PROMETHEUS_TEXT).pushAdd();
            assertThat(awaitLatest(GAUGE, start, 43.0)).isEqualTo(43.0);
            long afterPushAdd = System.currentTimeMillis() / 1000;
            assertThat(awaitPointsAfter(COUNTER, afterPushAdd + 1, 2)).containsOnly(7.0);

            // A second replica: each group is re-emitted by one of them, about once per 2 s interval.
            two = replica("ingest-pg2");
            Thread.sleep(12_000); // the consumer group settles
            long windowStart = System.currentTimeMillis() / 1000;
            Thread.sleep(10_000);
            int inWindow = pointsBetween(GAUGE, windowStart, windowStart + 10).size();
            assertThat(inWindow).as("re-emissions in 10 s with a 2 s interval (+ the main gateway's 15 s)").isBetween(4, 7);

            // Every replica restarted: the group comes back from Kafka and re-emission goes on.
            one.stop();
            two.stop();
            two = null;
            one.start();
            long restarted = System.currentTimeMillis() / 1000;
            assertThat(awaitPointsAfter(GAUGE, restarted + 1, 2)).containsOnly(43.0);
            assertThat(awaitPointsAfter(COUNTER, restarted + 1, 2)).containsOnly(7.0);

            client(one, registry, Format.PROMETHEUS_TEXT).delete();
            long deleted = System.currentTimeMillis() / 1000;
            Thread.sleep(20_000);
            assertThat(pointsBetween(GAUGE, deleted + 1, deleted + 20)).as("nothing is re-emitted after the delete").isEmpty();
        } finally {
            one.stop();
            if (two != null) {
                two.stop();
            }
        }
    }

    /** The latest non-NaN value of the metric's series since {@code start}, once it equals {@code expected}. */
    private double awaitLatest(String metric, long start, double expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        double latest = Double.NaN;
        while (System.nanoTime() < deadline) {
            List<Double> values = pointsBetween(metric, start, System.currentTimeMillis() / 1000 + 1);
            if (!values.isEmpty()) {
                latest = values.get(values.size() - 1);
                if (latest == expected) {
                    return latest;
                }
            }
            Thread.sleep(500);
        }
        return latest;
    }

    private List<Double> awaitPointsAfter(String metric, long from, int count) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        List<Double> values = List.of();
        while (values.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(500);
            values = pointsBetween(metric, from, System.currentTimeMillis() / 1000 + 1);
        }
        assertThat(values).as(metric + " points after " + from).hasSizeGreaterThanOrEqualTo(count);
        return values;
    }

    /** Raw points (1 s step) of the group's series in [from, to], without staleness markers. */
    private List<Double> pointsBetween(String metric, long from, long to) throws Exception {
        JsonNode data = system.range("metric", metric, "match", "job:sys_backup", "match", "instance:db1", "start",
                Long.toString(from), "end", Long.toString(to), "step", "1", "agg", "max");
        List<Double> values = new ArrayList<>();
        for (JsonNode series : data.get("series")) {
            for (JsonNode p : series.get("points")) {
                if (!p.get(1).isNull() && !Double.isNaN(p.get(1).asDouble())) {
                    values.add(p.get(1).asDouble());
                }
            }
        }
        return values;
    }
}

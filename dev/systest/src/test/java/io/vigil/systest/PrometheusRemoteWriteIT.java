package io.vigil.systest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.testkit.ChildProcess;
import io.vigil.testkit.FreePorts;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A real Prometheus server (Debian's package, installed by {@code ./vigil test}) scrapes itself and
 * remote-writes into the gateway; its series come back through the query service's PromQL API with
 * the labels and values Prometheus itself reports.
 */
class PrometheusRemoteWriteIT {
    private final VigilSystem system = SharedSystem.get();

    @Test
    void aPrometheusServerRemoteWritesIntoVigilAndItsSeriesAreQueryable() throws Exception {
        Path dir = Files.createTempDirectory("vigil-prometheus");
        int port = FreePorts.find();
        Files.writeString(dir.resolve("prometheus.yml"), """
                global:
                  scrape_interval: 1s
                  external_labels:
                    replica: it
                scrape_configs:
                  - job_name: self
                    static_configs:
                      - targets: ['127.0.0.1:%d']
                remote_write:
                  - url: %s
                    queue_config:
                      batch_send_deadline: 1s
                """.formatted(port, system.gateway.url("/api/v1/write")));
        try (ChildProcess prometheus = ChildProcess.start("prometheus", List.of("prometheus",
                "--config.file=" + dir.resolve("prometheus.yml"), "--storage.tsdb.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port), dir, Map.of(),
                line -> line.contains("Server is ready to receive web requests"))) {
            prometheus.awaitReady(Duration.ofSeconds(60));

            JsonNode up = awaitVector("up{job=\"self\",replica=\"it\"}", Duration.ofSeconds(60));
            assertThat(up.get(0).get("metric").get("instance").asText()).isEqualTo("127.0.0.1:" + port);
            assertThat(up.get(0).get("value").get(1).asText()).isEqualTo("1");

            // A counter Prometheus keeps about itself: its rate over our storage is positive.
            JsonNode samples = awaitVector("rate(prometheus_tsdb_head_samples_appended_total{job=\"self\"}[30s]) > 0",
                    Duration.ofSeconds(60));
            assertThat(samples.get(0).get("value").get(1).asDouble()).isPositive();
            JsonNode build = awaitVector("prometheus_build_info{job=\"self\"}", Duration.ofSeconds(30));
            assertThat(build.get(0).get("metric").get("version").asText()).startsWith("2.");
            assertThat(prometheus.tail()).doesNotContain("non-recoverable error");
        }
    }

    /** Polls an instant query until it returns a non-empty vector. */
    private JsonNode awaitVector(String promql, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = VigilSystem.get(system.query.url("/api/v1/query?query="
                    + URLEncoder.encode(promql, StandardCharsets.UTF_8)));
            last = r.statusCode() + " " + r.body();
            if (r.statusCode() == 200) {
                JsonNode result = VigilSystem.JSON.readTree(r.body()).get("data").get("result");
                if (result.size() > 0) {
                    return result;
                }
            }
            Thread.sleep(1_000);
        }
        throw new AssertionError("no result for " + promql + " within " + timeout + "; last answer " + last);
    }
}

package io.vigil.systest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.model.Notification;
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
 * A real Prometheus server (Debian's package) evaluates its own alerting rule and sends the alert to
 * Vigil's alerting service as to an Alertmanager ({@code alerting.alertmanagers}, API v2); Vigil routes
 * it and publishes the notification like one of its own.
 */
class PrometheusAlertsIT {
    private final VigilSystem system = SharedSystem.get();

    @Test
    void aPrometheusServerSendsItsAlertsToVigil() throws Exception {
        Path dir = Files.createTempDirectory("vigil-prometheus-alerts");
        Path rulesDir = Files.createDirectories(dir.resolve("vigil-rules"));
        Path routing = dir.resolve("routing.yml");
        Files.writeString(routing, AlertingIT.ROUTING);
        try (NotificationWatcher notifications = new NotificationWatcher(system)) {
            VigilSystem.Service alerting = system.alerting("prom", rulesDir, routing, Map.of());
            try {
                int port = FreePorts.find();
                Files.writeString(dir.resolve("rules.yml"), """
                        groups:
                          - name: from-prometheus
                            interval: 1s
                            rules:
                              - alert: PrometheusSent
                                expr: vector(1)
                                labels:
                                  host: prom-1
                                  severity: warning
                                annotations:
                                  summary: sent by a real Prometheus
                        """);
                Files.writeString(dir.resolve("prometheus.yml"), """
                        global:
                          evaluation_interval: 1s
                          external_labels:
                            replica: it-alerts
                        rule_files: [rules.yml]
                        alerting:
                          alertmanagers:
                            - api_version: v2
                              static_configs:
                                - targets: ['127.0.0.1:%d']
                        """.formatted(alerting.port));
                try (ChildProcess prometheus = ChildProcess.start("prometheus-alerts", List.of("prometheus",
                        "--config.file=" + dir.resolve("prometheus.yml"), "--storage.tsdb.path=" + dir.resolve("data"),
                        "--web.listen-address=127.0.0.1:" + port,
                        // Alerts evaluated before the notifier found its target are dropped; resend soon.
                        "--rules.alert.resend-delay=2s"), dir, Map.of(),
                        line -> line.contains("Server is ready to receive web requests"))) {
                    prometheus.awaitReady(Duration.ofSeconds(60));

                    Notification n;
                    try {
                        n = notifications.await("PrometheusSent", Notification::firing, Duration.ofSeconds(60)).notification();
                    } catch (AssertionError e) {
                        String promMetrics = VigilSystem.get("http://127.0.0.1:" + port + "/metrics").body().lines()
                                .filter(l -> l.startsWith("prometheus_notifications")).reduce("", (a, b) -> a + "\n" + b);
                        throw new AssertionError(e.getMessage() + "\nvigil alerts: "
                                + VigilSystem.get(alerting.url("/api/v2/alerts")).body()
                                + "\nprometheus alerts: " + VigilSystem.get("http://127.0.0.1:" + port + "/api/v1/alerts").body()
                                + "\nprometheus notifier: " + promMetrics + "\nprometheus:\n" + prometheus.tail()
                                + "\nalerting:\n" + alerting.logTail(), e);
                    }
                    assertThat(n.receiver()).isEqualTo("systest");
                    assertThat(n.alerts().get(0).labels()).containsEntry("host", "prom-1")
                            .containsEntry("replica", "it-alerts").containsEntry("severity", "warning");
                    assertThat(n.alerts().get(0).annotations()).containsEntry("summary", "sent by a real Prometheus");
                    assertThat(n.alerts().get(0).generatorUrl()).contains(":" + port + "/");

                    HttpResponse<String> r = VigilSystem.get(alerting.url("/api/v2/alerts?filter="
                            + URLEncoder.encode("alertname=\"PrometheusSent\"", StandardCharsets.UTF_8)));
                    JsonNode listed = VigilSystem.JSON.readTree(r.body());
                    assertThat(listed).hasSize(1);
                    assertThat(listed.get(0).get("status").get("state").asText()).isEqualTo("active");
                    assertThat(prometheus.tail()).doesNotContain("Error sending alert");
                }
                // Prometheus resent it every evaluation; the group was still notified once.
                notifications.drain(Duration.ofSeconds(3));
                assertThat(notifications.pages("PrometheusSent").stream().filter(Notification::firing))
                        .hasSize(1);
            } finally {
                alerting.stop();
            }
        }
    }
}

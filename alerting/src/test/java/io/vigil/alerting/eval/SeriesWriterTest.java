package io.vigil.alerting.eval;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The push API body the writer sends, against an HTTP server that answers like the gateway. */
class SeriesWriterTest {
    private static final Instant T = Instant.ofEpochMilli(1767225615250L);

    @Test
    void alertSeriesAreWrittenAsPrometheusDoesAndResolvedAlertsWriteNone() {
        Alert pending = Alert.pending(Map.of("alertname", "Down", "job", "node"), Map.of(), T.minusSeconds(15), 0, "");
        Alert firing = pending.with(AlertState.FIRING, T, null, null, T.plusSeconds(240), T);
        List<OutputSample> out = new ArrayList<>();
        SeriesWriter.addAlertSeries(pending, out);
        SeriesWriter.addAlertSeries(firing, out);
        SeriesWriter.addAlertSeries(firing.with(AlertState.RESOLVED, T, T, null, T, T), out);
        assertThat(out).containsExactly(
                new OutputSample("ALERTS", Map.of("alertname", "Down", "job", "node", "alertstate", "pending"), 1),
                new OutputSample("ALERTS_FOR_STATE", Map.of("alertname", "Down", "job", "node"), 1767225600.25),
                new OutputSample("ALERTS", Map.of("alertname", "Down", "job", "node", "alertstate", "firing"), 1),
                new OutputSample("ALERTS_FOR_STATE", Map.of("alertname", "Down", "job", "node"), 1767225600.25));
    }

    @Test
    void oneRequestPerEvaluationInThePushFormatAndRefusalsAreCounted() throws Exception {
        List<String> bodies = new CopyOnWriteArrayList<>();
        List<String> auth = new CopyOnWriteArrayList<>();
        int[] status = {200};
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v1/push", exchange -> {
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            auth.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            byte[] answer = (status[0] == 200 ? "{\"status\":\"success\",\"accepted\":2}"
                    : "{\"error\":\"malformed JSON\"}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status[0], answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
        try {
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            SeriesWriter writer = new SeriesWriter(URI.create("http://127.0.0.1:" + server.getAddress().getPort()),
                    Optional.of("push-token"), registry);
            List<OutputSample> samples = List.of(
                    new OutputSample("job:errors:rate5m", Map.of("job", "api"), 0.125),
                    new OutputSample("job:errors:rate5m", Map.of("job", "web"), Double.NaN),
                    new OutputSample("ALERTS", Map.of("alertname", "Down", "alertstate", "firing"), 1));
            assertThat(writer.write("g", T, samples)).isTrue();
            assertThat(bodies).hasSize(1);
            JsonNode body = new ObjectMapper().readTree(bodies.get(0));
            assertThat(body).hasSize(2); // NaN has no place in the push API
            assertThat(body.get(0).get("metric_name").asText()).isEqualTo("job:errors:rate5m");
            assertThat(body.get(0).get("labels").get("job").asText()).isEqualTo("api");
            assertThat(body.get(0).get("value").asDouble()).isEqualTo(0.125);
            assertThat(bodies.get(0)).contains("\"timestamp\":1767225615.250");
            assertThat(body.get(1).get("labels").get("alertstate").asText()).isEqualTo("firing");
            assertThat(auth).containsExactly("Bearer push-token");

            status[0] = 400;
            assertThat(writer.write("g", T, samples)).isFalse();
            assertThat(registry.counter("vigil.rule.series.write.failures").count()).isEqualTo(1);
            assertThat(writer.write("g", T, List.of())).isTrue();
            assertThat(bodies).hasSize(2);
        } finally {
            server.stop(0);
        }
    }
}

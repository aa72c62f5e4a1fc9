package io.vigil.alerting.eval;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Writes a group evaluation's series (recording rule results, ALERTS, ALERTS_FOR_STATE) at the
 * evaluation's timestamp through the ingest gateway's JSON push API, one request per evaluation. A
 * failed write is counted ({@code vigil_rule_series_write_failures_total}) and logged; it never holds up
 * alert state. Non-finite values are left out: the push API refuses them, and Prometheus' only use of
 * NaN here (staleness markers) has no equivalent in it.
 */
@ApplicationScoped
public class SeriesWriter {
    private static final Logger LOG = Logger.getLogger(SeriesWriter.class);
    private static final JsonFactory JSON = new JsonFactory();

    private final HttpClient http;
    private final URI endpoint;
    private final Optional<String> token;
    private final Counter failures;
    private final Counter written;

    @Inject
    SeriesWriter(EvalConfig config, MeterRegistry registry) {
        this(config.ingestUrl(), config.ingestToken(), registry);
    }

    public SeriesWriter(URI base, Optional<String> token, MeterRegistry registry) {
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        this.endpoint = base.resolve("/api/v1/push");
        this.token = token.filter(t -> !t.isBlank());
        this.failures = registry.counter("vigil.rule.series.write.failures");
        this.written = registry.counter("vigil.rule.series.written");
    }

    /** The alert series Prometheus writes for a pending or firing alert at t. */
    public static void addAlertSeries(Alert alert, List<OutputSample> out) {
        if (alert.state() == AlertState.RESOLVED) {
            return;
        }
        Map<String, String> withState = new java.util.TreeMap<>(alert.labels());
        withState.put("alertstate", alert.state().dbName());
        out.add(new OutputSample("ALERTS", withState, 1));
        out.add(new OutputSample("ALERTS_FOR_STATE", alert.labels(), alert.activeAt().toEpochMilli() / 1000.0));
    }

    /** Writes the samples at t; true when the gateway stored them all. */
    public boolean write(String group, Instant t, List<OutputSample> samples) {
        if (samples.isEmpty()) {
            return true;
        }
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(encode(t, samples)));
            token.ifPresent(tk -> request.header("Authorization", "Bearer " + tk));
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200) {
                written.increment(samples.size());
                return true;
            }
            failures.increment();
            LOG.warnf("rule group %s: the gateway refused its series at %s: HTTP %d %s", group, t,
                    response.statusCode(), abbreviate(response.body()));
        } catch (IOException e) {
            failures.increment();
            LOG.warnf("rule group %s: writing its series at %s failed: %s", group, t, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    /** The push API body: {@code [{"metric_name","labels","timestamp","value"}, ...]}. */
    static byte[] encode(Instant t, List<OutputSample> samples) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(128 * samples.size());
        BigDecimal timestamp = BigDecimal.valueOf(t.toEpochMilli(), 3);
        try (JsonGenerator g = JSON.createGenerator(bytes)) {
            g.writeStartArray();
            for (OutputSample s : samples) {
                if (!Double.isFinite(s.value())) {
                    continue;
                }
                g.writeStartObject();
                g.writeStringField("metric_name", s.metric());
                g.writeObjectFieldStart("labels");
                for (Map.Entry<String, String> l : s.labels().entrySet()) {
                    g.writeStringField(l.getKey(), l.getValue());
                }
                g.writeEndObject();
                g.writeFieldName("timestamp");
                g.writeNumber(timestamp);
                g.writeNumberField("value", s.value());
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        return bytes.toByteArray();
    }

    private static String abbreviate(String body) {
        String text = body == null ? "" : body.strip();
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }
}

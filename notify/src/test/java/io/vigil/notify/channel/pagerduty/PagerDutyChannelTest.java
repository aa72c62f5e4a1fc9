package io.vigil.notify.channel.pagerduty;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.model.Alert;
import io.vigil.model.Notification;
import io.vigil.notify.channel.Attempt;
import io.vigil.notify.channel.Channel;
import io.vigil.notify.channel.ReceiverConfig;
import io.vigil.notify.channel.ReceiverConfigException;
import io.vigil.notify.channel.contract.SampleNotifications;
import io.vigil.notify.channel.contract.ScriptedHttpReceiver;
import io.vigil.notify.channel.contract.ScriptedHttpReceiver.Reply;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What PagerDuty's Events API v2 receives: a trigger that opens one alert per group, and the resolve that closes it. */
class PagerDutyChannelTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = "R0UT1NGkey5e3a9b1c7d2f4e6a8b0c2d";

    private final ScriptedHttpReceiver pagerDuty = ScriptedHttpReceiver.start();

    @BeforeEach
    void acceptLikePagerDuty() {
        pagerDuty.otherwise(Reply.status(202)
                .body("{\"status\":\"success\",\"message\":\"Event processed\",\"dedup_key\":\"x\"}"));
    }

    @AfterEach
    void stop() {
        pagerDuty.close();
    }

    private Channel channel(String receiver, Map<String, Object> extra) throws ReceiverConfigException {
        Map<String, Object> settings = new HashMap<>(Map.of("url", pagerDuty.uri("/v2/enqueue").toString(),
                "routing_key_env", "PD_KEY", "timeout", "2s"));
        settings.putAll(extra);
        return new PagerDutyChannelFactory().create(new ReceiverConfig(receiver, "pagerduty", settings, "r.yaml:9",
                Map.of("PD_KEY", KEY)::get));
    }

    private JsonNode send(Channel channel, Notification n) throws Exception {
        Attempt a = channel.deliver(n);
        assertThat(a.outcome()).isEqualTo(Attempt.Outcome.DELIVERED);
        assertThat(a.statusCode()).isEqualTo(202);
        return JSON.readTree(pagerDuty.requests().getLast().body());
    }

    @Test
    void aFiringGroupTriggersAnAlertWithTheDocumentedFields() throws Exception {
        JsonNode event = send(channel("oncall", Map.of()), SampleNotifications.firing("oncall"));
        assertThat(pagerDuty.requests().getLast().path()).isEqualTo("/v2/enqueue");
        assertThat(pagerDuty.requests().getLast().header("Content-Type")).isEqualTo("application/json");

        assertThat(event.get("routing_key").asText()).isEqualTo(KEY);
        assertThat(event.get("event_action").asText()).isEqualTo("trigger");
        assertThat(event.get("dedup_key").asText()).matches("[0-9a-f]{64}");
        assertThat(event.get("client").asText()).isEqualTo("Vigil");
        assertThat(event.get("client_url").asText()).isEqualTo("https://vigil.example.com");

        JsonNode payload = event.get("payload");
        assertThat(payload.get("summary").asText()).isEqualTo("[FIRING:2] HighCPU (web) - CPU above 90% for 10m");
        assertThat(payload.get("source").asText()).isEqualTo("web");
        assertThat(payload.get("severity").asText()).isEqualTo("critical");
        assertThat(payload.get("timestamp").asText()).isEqualTo("2026-03-01T10:01:00Z");
        JsonNode details = payload.get("custom_details");
        assertThat(details.get("firing").asInt()).isEqualTo(2);
        assertThat(details.get("alerts")).hasSize(2);
        assertThat(details.get("alerts").get(1).get("labels").get("instance").asText()).isEqualTo("web-2");

        assertThat(event.get("links")).extracting(l -> l.get("href").asText())
                .containsExactly("https://vigil.example.com", "https://vigil.example.com/graph?g0.expr=cpu%3E0.9");
    }

    @Test
    void theResolveClosesTheAlertTheTriggerOpened() throws Exception {
        Channel channel = channel("oncall", Map.of());
        JsonNode trigger = send(channel, SampleNotifications.firing("oncall"));
        JsonNode resolve = send(channel, SampleNotifications.resolved("oncall"));
        assertThat(resolve.get("event_action").asText()).isEqualTo("resolve");
        assertThat(resolve.get("routing_key").asText()).isEqualTo(KEY);
        assertThat(resolve.get("dedup_key").asText()).isEqualTo(trigger.get("dedup_key").asText());
        assertThat(resolve.has("payload")).isFalse();
    }

    @Test
    void otherGroupsAndOtherReceiversOpenTheirOwnAlerts() throws Exception {
        Notification web = SampleNotifications.firing("oncall");
        Notification db = new Notification("n-db", "oncall", "firing", "{}:{alertname=\"HighCPU\", job=\"db\"}",
                Map.of("alertname", "HighCPU", "job", "db"), web.commonLabels(), web.commonAnnotations(), null,
                web.alerts(), web.createdAt());
        String webKey = send(channel("oncall", Map.of()), web).get("dedup_key").asText();
        String dbKey = send(channel("oncall", Map.of()), db).get("dedup_key").asText();
        String otherReceiverKey = send(channel("oncall-eu", Map.of()), web).get("dedup_key").asText();
        assertThat(List.of(webKey, dbKey, otherReceiverKey)).doesNotHaveDuplicates();
    }

    @ParameterizedTest(name = "severity \"{0}\" -> {1}")
    @CsvSource({ "critical, critical", "CRITICAL, critical", "error, error", "warning, warning", "warn, warning",
            "info, info", "page, error", "'', error" })
    void severityComesFromTheAlertsLabel(String label, String expected) throws Exception {
        Notification n = withSeverities(Map.of("severity", label), List.of(label));
        assertThat(send(channel("oncall", Map.of()), n).get("payload").get("severity").asText()).isEqualTo(expected);
    }

    @Test
    void whenTheAlertsDisagreeTheMostSevereFiringOneDecides() throws Exception {
        Notification n = withSeverities(Map.of(), List.of("warning", "critical", "info"));
        assertThat(send(channel("oncall", Map.of()), n).get("payload").get("severity").asText()).isEqualTo("critical");
    }

    @Test
    void theSeverityLabelIsConfigurable() throws Exception {
        Notification n = new Notification("n", "oncall", "firing", "g", Map.of("alertname", "Disk"),
                Map.of("alertname", "Disk", "priority", "warning", "severity", "critical"), Map.of(), null,
                List.of(SampleNotifications.alert("firing", "db-1", null, "f")), null);
        JsonNode event = send(channel("oncall", Map.of("severity_label", "priority")), n);
        assertThat(event.get("payload").get("severity").asText()).isEqualTo("warning");
    }

    @Test
    void aLongSummaryIsCutToPagerDutysLimitInsteadOfBeingRefused() throws Exception {
        Notification base = SampleNotifications.firing("oncall");
        Notification n = new Notification(base.id(), "oncall", "firing", base.groupKey(), base.groupLabels(),
                base.commonLabels(), Map.of("summary", "x".repeat(5000)), base.externalUrl(), base.alerts(),
                base.createdAt());
        String summary = send(channel("oncall", Map.of()), n).get("payload").get("summary").asText();
        assertThat(summary).hasSize(1024).startsWith("[FIRING:2] HighCPU (web) - xxx").endsWith("…");
    }

    @Test
    void aRefusedEventIsNotRetried() throws Exception {
        pagerDuty.reply(Reply.status(400).body("{\"status\":\"invalid event\",\"message\":\"Event object is invalid\"}"));
        Attempt a = channel("oncall", Map.of()).deliver(SampleNotifications.firing("oncall"));
        assertThat(a.outcome()).isEqualTo(Attempt.Outcome.REJECTED);
        assertThat(a.statusCode()).isEqualTo(400);
    }

    private static Notification withSeverities(Map<String, String> common, List<String> severities) {
        List<Alert> alerts = severities.stream().map(s -> new Alert("firing", Map.of("alertname", "Disk", "severity", s),
                Map.of(), SampleNotifications.STARTS, null, null, "f" + s)).toList();
        Map<String, String> commonLabels = new HashMap<>(common);
        commonLabels.put("alertname", "Disk");
        return new Notification("n", "oncall", "firing", "g", Map.of("alertname", "Disk"), commonLabels, Map.of(), null,
                alerts, null);
    }
}

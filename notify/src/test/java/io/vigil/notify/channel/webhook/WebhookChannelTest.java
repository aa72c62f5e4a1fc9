package io.vigil.notify.channel.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.model.Notification;
import io.vigil.notify.channel.Attempt;
import io.vigil.notify.channel.Channel;
import io.vigil.notify.channel.ReceiverConfig;
import io.vigil.notify.channel.ReceiverConfigException;
import io.vigil.notify.channel.contract.SampleNotifications;
import io.vigil.notify.channel.contract.ScriptedHttpReceiver;
import io.vigil.notify.channel.contract.ScriptedHttpReceiver.Reply;
import io.vigil.notify.channel.contract.ScriptedHttpReceiver.Request;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What a webhook receiver gets: Alertmanager's payload, signed, with an id to deduplicate on. */
class WebhookChannelTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> ENV = Map.of("HOOK_AUTH", "Bearer hook-token", "HOOK_HMAC", "shared-key",
            "HOOK_URL", "http://127.0.0.1:9/elsewhere");

    private final ScriptedHttpReceiver receiver = ScriptedHttpReceiver.start();

    @AfterEach
    void stop() {
        receiver.close();
    }

    private Channel channel(Map<String, Object> extra) throws ReceiverConfigException {
        Map<String, Object> settings = new HashMap<>(Map.of("url", receiver.uri("/hook").toString(), "timeout", "2s"));
        settings.putAll(extra);
        return new WebhookChannelFactory().create(new ReceiverConfig("web-hook", "webhook", settings, "r.yaml:3", ENV::get));
    }

    private Request deliverOne(Channel channel, Notification n) {
        assertThat(channel.deliver(n).outcome()).isEqualTo(Attempt.Outcome.DELIVERED);
        return receiver.requests().getLast();
    }

    @Test
    void postsAlertmanagersVersion4PayloadFieldForField() throws Exception {
        Request r = deliverOne(channel(Map.of()), SampleNotifications.firing("web-hook"));
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.path()).isEqualTo("/hook");
        assertThat(r.header("Content-Type")).isEqualTo("application/json");

        JsonNode body = JSON.readTree(r.body());
        assertThat(body.properties()).extracting(Map.Entry::getKey).containsExactlyInAnyOrder("version", "groupKey",
                "truncatedAlerts", "status", "receiver", "groupLabels", "commonLabels", "commonAnnotations", "externalURL",
                "alerts");
        assertThat(body.get("version").isTextual()).isTrue();
        assertThat(body.get("version").asText()).isEqualTo("4");
        assertThat(body.get("groupKey").asText()).isEqualTo(SampleNotifications.GROUP_KEY);
        assertThat(body.get("truncatedAlerts").isInt()).isTrue();
        assertThat(body.get("truncatedAlerts").asInt()).isZero();
        assertThat(body.get("status").asText()).isEqualTo("firing");
        assertThat(body.get("receiver").asText()).isEqualTo("web-hook");
        assertThat(body.get("groupLabels").get("alertname").asText()).isEqualTo("HighCPU");
        assertThat(body.get("commonLabels").get("severity").asText()).isEqualTo("critical");
        assertThat(body.get("commonAnnotations").get("summary").asText()).isEqualTo("CPU above 90% for 10m");
        assertThat(body.get("externalURL").asText()).isEqualTo("https://vigil.example.com");

        assertThat(body.get("alerts")).hasSize(2);
        JsonNode alert = body.get("alerts").get(0);
        assertThat(alert.properties()).extracting(Map.Entry::getKey).containsExactlyInAnyOrder("status", "labels",
                "annotations", "startsAt", "endsAt", "generatorURL", "fingerprint");
        assertThat(alert.get("status").asText()).isEqualTo("firing");
        assertThat(alert.get("labels").get("instance").asText()).isEqualTo("web-1");
        assertThat(alert.get("annotations").get("description").asText()).isEqualTo("web-1 is busy");
        assertThat(alert.get("startsAt").asText()).isEqualTo("2026-03-01T10:00:00Z");
        assertThat(alert.get("endsAt").asText()).as("Alertmanager's zero time while firing").isEqualTo("0001-01-01T00:00:00Z");
        assertThat(alert.get("generatorURL").asText()).isEqualTo("https://vigil.example.com/graph?g0.expr=cpu%3E0.9");
        assertThat(alert.get("fingerprint").asText()).isEqualTo("a1f0c3");
    }

    @Test
    void resolvedAlertsCarryTheirEndTime() throws Exception {
        Request r = deliverOne(channel(Map.of()), SampleNotifications.resolved("web-hook"));
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.get("status").asText()).isEqualTo("resolved");
        assertThat(Instant.parse(body.get("alerts").get(1).get("endsAt").asText())).isEqualTo(SampleNotifications.ENDS);
    }

    @Test
    void signatureIsTheHmacOfTheExactBodyBytes() throws Exception {
        Request r = deliverOne(channel(Map.of("hmac_secret_env", "HOOK_HMAC")), SampleNotifications.firing("web-hook"));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec("shared-key".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = "sha256=" + HexFormat.of().formatHex(mac.doFinal(r.body()));
        assertThat(r.header("X-Vigil-Signature")).isEqualTo(expected);
    }

    @Test
    void noSignatureWithoutASecret() throws Exception {
        Request r = deliverOne(channel(Map.of()), SampleNotifications.firing("web-hook"));
        assertThat(r.header("X-Vigil-Signature")).isNull();
        assertThat(r.header("Authorization")).isNull();
    }

    @Test
    void aRetriedNotificationCarriesTheSameIdSoTheReceiverCanDropTheDuplicate() throws Exception {
        receiver.reply(Reply.status(503));
        Channel channel = channel(Map.of());
        Notification n = SampleNotifications.firing("web-hook");
        assertThat(channel.deliver(n).outcome()).isEqualTo(Attempt.Outcome.RETRY);
        assertThat(channel.deliver(n).outcome()).isEqualTo(Attempt.Outcome.DELIVERED);
        assertThat(receiver.requests()).extracting(req -> req.header("X-Vigil-Notification-Id"))
                .containsExactly(n.id(), n.id());
    }

    @Test
    void sendsTheAuthorizationSecretAndTheConfiguredHeaders() throws Exception {
        Request r = deliverOne(channel(Map.of("authorization_env", "HOOK_AUTH", "headers", Map.of("X-Team", "payments"))),
                SampleNotifications.firing("web-hook"));
        assertThat(r.header("Authorization")).isEqualTo("Bearer hook-token");
        assertThat(r.header("X-Team")).isEqualTo("payments");
    }

    @Test
    void aUrlCarryingATokenCanComeFromTheEnvironment() throws Exception {
        Map<String, String> env = Map.of("HOOK_URL", receiver.uri("/hook/t0ken").toString());
        Channel channel = new WebhookChannelFactory().create(new ReceiverConfig("web-hook", "webhook",
                Map.of("url_env", "HOOK_URL"), "r.yaml:3", env::get));
        deliverOne(channel, SampleNotifications.firing("web-hook"));
        assertThat(receiver.requests().getLast().path()).isEqualTo("/hook/t0ken");
        assertThat(channel.toString()).doesNotContain("t0ken");
    }

    @Test
    void anAuthorizationHeaderWrittenInTheFileIsRefusedPointingToTheSecret() {
        assertThatThrownBy(() -> channel(Map.of("headers", Map.of("authorization", "Bearer x"))))
                .isInstanceOf(ReceiverConfigException.class)
                .hasMessageContaining("receiver \"web-hook\"").hasMessageContaining("headers.authorization")
                .hasMessageContaining("authorization_env");
    }

    @Test
    void headersTheHttpClientCannotSendAreRefusedAtLoad() {
        assertThatThrownBy(() -> channel(Map.of("headers", Map.of("Host", "elsewhere.example.com"))))
                .isInstanceOf(ReceiverConfigException.class).hasMessageContaining("headers.Host");
        assertThatThrownBy(() -> channel(Map.of("headers", Map.of("Bad Name", "x"))))
                .isInstanceOf(ReceiverConfigException.class).hasMessageContaining("headers.Bad Name");
    }

    @Test
    void aUrlGivenTwiceIsRefused() {
        assertThatThrownBy(() -> channel(Map.of("url_env", "HOOK_URL")))
                .isInstanceOf(ReceiverConfigException.class).hasMessageContaining("url").hasMessageContaining("twice");
    }
}

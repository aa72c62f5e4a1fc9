package io.vigil.notify.pipeline;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vigil.kafka.NotificationCodec;
import io.vigil.kafka.Topics;
import io.vigil.model.Alert;
import io.vigil.model.Notification;
import io.vigil.notify.NotifyTopics;
import io.vigil.notify.channel.contract.ScriptedHttpReceiver;
import io.vigil.testkit.VigilInfra;
import io.vigil.testkit.VigilInfraResource;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/** Notifications from Kafka to real loopback webhook receivers, with the delivery log in TimescaleDB. */
@QuarkusTest
@WithTestResource(value = VigilInfraResource.class, initArgs = @ResourceArg(name = "redis", value = "false"))
@WithTestResource(WebhookReceiversResource.class)
class NotifyPipelineIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    static Notification notification(String receiver, String id) {
        Instant now = Instant.now();
        Map<String, String> labels = Map.of("alertname", "HighCPU", "host", "i631", "severity", "critical");
        return new Notification(id, receiver, Notification.FIRING, "{}:{alertname=\"HighCPU\"}", Map.of("alertname", "HighCPU"),
                labels, Map.of("summary", "CPU above 90%"), "http://vigil.example/alerts",
                List.of(new Alert(Notification.FIRING, labels, Map.of("summary", "CPU above 90%"), now, null,
                        "http://vigil.example/graph", "abc123")), now);
    }

    static void publish(byte[] key, byte[] value) throws Exception {
        try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, VigilInfra.kafka().bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            p.send(new ProducerRecord<>(Topics.NOTIFICATIONS, key, value)).get();
        }
    }

    static void publish(Notification n) throws Exception {
        publish(NotificationCodec.key(n), NotificationCodec.encode(n));
    }

    static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(50);
        }
    }

    static long requestsFor(ScriptedHttpReceiver r, String notificationId) {
        return r.requests().stream().filter(q -> notificationId.equals(q.header("X-Vigil-Notification-Id"))).count();
    }

    static List<String> outcomes(String notificationId) {
        List<String> out = given().queryParam("notification", notificationId).get("/api/v1/deliveries")
                .then().statusCode(200).extract().jsonPath().getList("data.outcome", String.class);
        List<String> chronological = new ArrayList<>(out);
        java.util.Collections.reverse(chronological);
        return chronological;
    }

    @Test
    void aNotificationReachesItsWebhookOnceAsAnAlertmanagerPayload() throws Exception {
        String id = "n-" + UUID.randomUUID();
        publish(notification("fast", id));
        await("delivery", Duration.ofSeconds(20), () -> requestsFor(WebhookReceiversResource.fast, id) == 1);
        JsonNode body = JSON.readTree(WebhookReceiversResource.fast.requests().stream()
                .filter(q -> id.equals(q.header("X-Vigil-Notification-Id"))).findFirst().orElseThrow().bodyText());
        assertThat(body.get("version").asText()).isEqualTo("4");
        assertThat(body.get("receiver").asText()).isEqualTo("fast");
        assertThat(body.get("status").asText()).isEqualTo("firing");
        assertThat(body.get("alerts").get(0).get("labels").get("alertname").asText()).isEqualTo("HighCPU");
        await("log", Duration.ofSeconds(10), () -> outcomes(id).equals(List.of("delivered")));
    }

    @Test
    void failuresAreRetriedHonouringRetryAfterUntilDelivered() throws Exception {
        String id = "n-" + UUID.randomUUID();
        WebhookReceiversResource.flaky.reply(ScriptedHttpReceiver.Reply.status(500))
                .reply(ScriptedHttpReceiver.Reply.status(429).header("Retry-After", "1"))
                .reply(ScriptedHttpReceiver.Reply.status(200));
        long start = System.nanoTime();
        publish(notification("flaky", id));
        await("three attempts", Duration.ofSeconds(30), () -> requestsFor(WebhookReceiversResource.flaky, id) == 3);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        await("log", Duration.ofSeconds(10), () -> outcomes(id).equals(List.of("retry", "retry", "delivered")));
        Thread.sleep(500);
        assertThat(requestsFor(WebhookReceiversResource.flaky, id)).isEqualTo(3);
    }

    @Test
    void aRedeliveredNotificationIsNotSentAgain() throws Exception {
        String id = "n-" + UUID.randomUUID();
        publish(notification("fast", id));
        await("delivery", Duration.ofSeconds(20), () -> requestsFor(WebhookReceiversResource.fast, id) == 1);
        publish(notification("fast", id));
        await("log", Duration.ofSeconds(20), () -> outcomes(id).equals(List.of("delivered", "skipped_duplicate")));
        assertThat(requestsFor(WebhookReceiversResource.fast, id)).isEqualTo(1);
    }

    @Test
    void rejectedAndUndeliverableNotificationsAreDeadLetteredWithTheReason() throws Exception {
        String rejected = "n-" + UUID.randomUUID();
        publish(notification("rejecting", rejected));
        String unknown = "n-" + UUID.randomUUID();
        publish(notification("nobody", unknown));
        publish("k".getBytes(StandardCharsets.UTF_8), "{not json".getBytes(StandardCharsets.UTF_8));
        Map<String, String> reasons = deadLetterReasons(3, Duration.ofSeconds(30));
        assertThat(reasons.get(rejected)).contains("rejected by webhook").contains("HTTP 400");
        assertThat(reasons.get(unknown)).isEqualTo("unknown receiver \"nobody\"");
        assertThat(reasons.values()).anyMatch(r -> r.startsWith("undecodable: notification is malformed"));
        assertThat(requestsFor(WebhookReceiversResource.rejecting, rejected)).isEqualTo(1);
        await("log", Duration.ofSeconds(10), () -> outcomes(rejected).equals(List.of("rejected")));
    }

    @Test
    void aHangingReceiverDelaysNobodyElseAndIsGivenUpOnAfterItsBudget() throws Exception {
        String stuck = "n-" + UUID.randomUUID();
        String fine = "n-" + UUID.randomUUID();
        publish(notification("stuck", stuck));
        publish(notification("fast", fine));
        await("the other receiver's delivery", Duration.ofSeconds(5), () -> requestsFor(WebhookReceiversResource.fast, fine) == 1);
        Map<String, String> reasons = deadLetterReasons(1, Duration.ofSeconds(30), stuck);
        assertThat(reasons.get(stuck)).startsWith("gave up after").contains("no answer within");
        assertThat(requestsFor(WebhookReceiversResource.stuck, stuck)).isGreaterThanOrEqualTo(2);
    }

    @Test
    void aReceiversRateLimitHoldsBackWhatExceedsIt() throws Exception {
        List<String> ids = List.of("n-" + UUID.randomUUID(), "n-" + UUID.randomUUID(), "n-" + UUID.randomUUID());
        for (String id : ids) {
            publish(notification("paced", id));
        }
        await("the first two", Duration.ofSeconds(20), () -> WebhookReceiversResource.paced.requests().size() == 2);
        Thread.sleep(3000);
        // max_per_minute: 2 — the third waits for the minute to pass, it is not dropped
        assertThat(WebhookReceiversResource.paced.requests()).hasSize(2);
        assertThat(outcomes(ids.get(2))).isEmpty();
    }

    @Test
    void testNotificationsAreForAdminsOnly() {
        given().post("/api/v1/receivers/fast/test").then().statusCode(401);
        given().header("Authorization", "Bearer wrong").post("/api/v1/receivers/fast/test").then().statusCode(403);
        given().header("Authorization", "Bearer " + WebhookReceiversResource.ADMIN_TOKEN).post("/api/v1/receivers/nope/test")
                .then().statusCode(404).body("error", containsString("no receiver named"));
        long before = WebhookReceiversResource.fast.requests().size();
        given().header("Authorization", "Bearer " + WebhookReceiversResource.ADMIN_TOKEN).post("/api/v1/receivers/fast/test")
                .then().statusCode(200).body("data.outcome", equalTo("delivered"));
        assertThat(WebhookReceiversResource.fast.requests()).hasSize((int) before + 1);
        given().queryParam("limit", "0").get("/api/v1/deliveries").then().statusCode(400);
    }

    /** Reads the dead-letter topic until {@code n} records (optionally only for the given ids) were seen: id → reason. */
    static Map<String, String> deadLetterReasons(int n, Duration timeout, String... onlyIds) throws Exception {
        Map<String, String> reasons = new java.util.HashMap<>();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, VigilInfra.kafka().bootstrapServers()),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition tp = new TopicPartition(NotifyTopics.DEAD_LETTERS, 0);
            c.assign(List.of(tp));
            c.seekToBeginning(List.of(tp));
            long deadline = System.nanoTime() + timeout.toNanos();
            int seen = 0;
            while (seen < n && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
                    String reason = new String(r.headers().lastHeader(NotifyTopics.REASON_HEADER).value(), StandardCharsets.UTF_8);
                    String id;
                    try {
                        id = NotificationCodec.decode(r.value()).id();
                    } catch (IllegalArgumentException e) {
                        id = "undecodable-" + r.offset();
                    }
                    if (onlyIds.length == 0 || List.of(onlyIds).contains(id)) {
                        reasons.put(id, reason);
                    }
                    seen = reasons.size();
                }
            }
        }
        return reasons;
    }
}

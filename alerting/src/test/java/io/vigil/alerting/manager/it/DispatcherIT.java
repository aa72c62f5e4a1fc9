package io.vigil.alerting.manager.it;

import static io.restassured.RestAssured.given;
import static io.vigil.alerting.manager.it.NotificationTopic.alertname;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vigil.alerting.manager.dispatch.Dispatcher;
import io.vigil.model.Alert;
import io.vigil.model.Notification;
import io.vigil.testkit.VigilInfraResource;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Alerts written to the alerts table as eval writes them come out on vigil.notifications as
 * Alertmanager would send them: after group_wait, once, again after repeat_interval, resolved once,
 * never while silenced or inhibited, not again after a change of dispatcher.
 */
@QuarkusTest
@TestProfile(ManagerProfile.class)
@WithTestResource(value = VigilInfraResource.class, initArgs = @ResourceArg(name = "redis", value = "false"))
class DispatcherIT {
    private static final Duration QUIET = Duration.ofSeconds(3);

    @Inject
    Dispatcher dispatcher;

    private NotificationTopic topic;

    @BeforeEach
    void open() {
        topic = new NotificationTopic();
    }

    @AfterEach
    void close() {
        topic.close();
    }

    @Test
    void firingAlertIsSentOnceAfterGroupWaitWithWebhookContent() throws Exception {
        Instant inserted = Instant.now();
        String fp = AlertRows.fire(Map.of("alertname", "DiskFull", "severity", "critical", "instance", "h1"));
        List<NotificationTopic.Read> got = topic.await(1, Duration.ofSeconds(10), alertname("DiskFull"));
        Instant arrived = Instant.now();
        assertThat(Duration.between(inserted, arrived)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
        assertThat(topic.during(QUIET, alertname("DiskFull"))).hasSize(1);

        NotificationTopic.Read r = got.get(0);
        Notification n = r.notification();
        assertThat(r.key()).isEqualTo("{}/{severity=\"critical\"}:{alertname=\"DiskFull\"}");
        assertThat(n.groupKey()).isEqualTo(r.key());
        assertThat(n.receiver()).isEqualTo("oncall-pager");
        assertThat(n.status()).isEqualTo("firing");
        assertThat(n.groupLabels()).isEqualTo(Map.of("alertname", "DiskFull"));
        assertThat(n.commonLabels()).isEqualTo(Map.of("alertname", "DiskFull", "severity", "critical", "instance", "h1"));
        assertThat(n.commonAnnotations()).isEqualTo(Map.of("summary", "it broke"));
        assertThat(n.externalUrl()).isEqualTo("http://alerts.example.test");
        Alert a = n.alerts().get(0);
        assertThat(n.alerts()).hasSize(1);
        assertThat(a.status()).isEqualTo("firing");
        assertThat(a.fingerprint()).isEqualTo(fp);
        assertThat(a.endsAt()).isNull();
        assertThat(a.generatorUrl()).isEqualTo("http://query.example.test/graph");
        assertThat(a.startsAt()).isBetween(inserted.minusSeconds(5), arrived);

        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).contains("vigil_dispatcher_leader 1.0")
                .containsPattern("vigil_notifications_published_total\\{receiver=\"oncall-pager\"\\} [1-9]")
                .contains("vigil_notification_outbox_backlog").contains("vigil_alerts{state=\"active\"}")
                .contains("vigil_silences{state=\"active\"}").contains("vigil_notification_publish_failures_total");
    }

    @Test
    void unchangedGroupIsRepeatedOnlyAfterRepeatIntervalWithANewId() throws Exception {
        AlertRows.fire(Map.of("alertname", "Repeat", "instance", "h1"));
        List<NotificationTopic.Read> first = topic.await(1, Duration.ofSeconds(10), alertname("Repeat"));
        assertThat(first).hasSize(1);
        assertThat(first.get(0).notification().receiver()).isEqualTo("team-email");
        // repeat_interval is 8 s: group_interval flushes every second find nothing new meanwhile.
        assertThat(topic.during(Duration.ofSeconds(5), alertname("Repeat"))).hasSize(1);
        List<NotificationTopic.Read> both = topic.await(2, Duration.ofSeconds(10), alertname("Repeat"));
        assertThat(both).hasSize(2);
        assertThat(both.get(1).notification().id()).isNotEqualTo(both.get(0).notification().id());
        assertThat(both.get(1).notification().status()).isEqualTo("firing");
    }

    @Test
    void resolvedAlertIsSentOnceAsResolved() throws Exception {
        String fp = AlertRows.fire(Map.of("alertname", "Resolves", "instance", "h1"));
        assertThat(topic.await(1, Duration.ofSeconds(10), alertname("Resolves"))).hasSize(1);
        AlertRows.resolve(fp);
        List<NotificationTopic.Read> got = topic.await(2, Duration.ofSeconds(10), alertname("Resolves"));
        assertThat(got).hasSize(2);
        Notification resolved = got.get(1).notification();
        assertThat(resolved.status()).isEqualTo("resolved");
        assertThat(resolved.alerts()).singleElement().satisfies(a -> {
            assertThat(a.status()).isEqualTo("resolved");
            assertThat(a.endsAt()).isNotNull();
        });
        assertThat(topic.during(QUIET, alertname("Resolves"))).hasSize(2);
    }

    @Test
    void resolvedAlertNeverSentFiringSendsNothing() throws Exception {
        String fp = AlertRows.fire(Map.of("alertname", "Blip", "instance", "h1"));
        AlertRows.resolve(fp);
        assertThat(topic.during(QUIET, alertname("Blip"))).isEmpty();
    }

    @Test
    void silencedAlertSendsNothingAndIsListedSuppressed() throws Exception {
        String body = """
                {"matchers":[{"name":"alertname","value":"Silenced","isRegex":false}],
                 "startsAt":"%s","endsAt":"%s","createdBy":"it","comment":"maintenance"}"""
                .formatted(Instant.now(), Instant.now().plus(Duration.ofHours(1)));
        String id = given().contentType("application/json").body(body).post("/api/v2/silences").then().statusCode(200)
                .extract().path("silenceID");
        AlertRows.fire(Map.of("alertname", "Silenced", "instance", "h1"));
        assertThat(topic.during(QUIET, alertname("Silenced"))).isEmpty();
        given().queryParam("filter", "alertname=Silenced").get("/api/v2/alerts").then().statusCode(200)
                .body("[0].status.state", org.hamcrest.Matchers.equalTo("suppressed"))
                .body("[0].status.silencedBy", org.hamcrest.Matchers.contains(id));
    }

    @Test
    void inhibitedWarningSendsNothingWhileTheCriticalIsSent() throws Exception {
        AlertRows.fire(Map.of("alertname", "Inhibit", "severity", "critical", "instance", "h1"));
        AlertRows.fire(Map.of("alertname", "Inhibit", "severity", "warning", "instance", "h1"));
        List<NotificationTopic.Read> got = topic.await(1, Duration.ofSeconds(10), alertname("Inhibit"));
        assertThat(topic.during(QUIET, alertname("Inhibit"))).hasSize(1);
        assertThat(got.get(0).notification().receiver()).isEqualTo("oncall-pager");
        assertThat(got.get(0).notification().alerts()).singleElement()
                .satisfies(a -> assertThat(a.labels()).containsEntry("severity", "critical"));
    }

    @Test
    void aNewDispatcherTermDoesNotResendWhatTheLogHas() throws Exception {
        AlertRows.fire(Map.of("alertname", "Failover", "instance", "h1"));
        assertThat(topic.await(1, Duration.ofSeconds(10), alertname("Failover"))).hasSize(1);
        long before = AlertRows.leaseToken();
        dispatcher.stepDown();
        assertThat(topic.during(QUIET, alertname("Failover"))).hasSize(1);
        assertThat(AlertRows.leaseToken()).isGreaterThan(before);
        assertThat(dispatcher.leading()).isTrue();
    }

    @Test
    void whileAnotherReplicaHoldsTheLeaseThisOneSendsNothing() throws Exception {
        try {
            AlertRows.execute("UPDATE alerting_leases SET owner = 'other-replica', token = token + 1, "
                    + "expires_at = now() + interval '1 hour' WHERE name = 'dispatcher'");
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (dispatcher.leading() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(dispatcher.leading()).isFalse();
            AlertRows.fire(Map.of("alertname", "OtherLeader", "instance", "h1"));
            assertThat(topic.during(QUIET, alertname("OtherLeader"))).isEmpty();
        } finally {
            AlertRows.execute("UPDATE alerting_leases SET expires_at = now() WHERE name = 'dispatcher'");
        }
        // The other replica "died": this one takes over and sends what is due.
        assertThat(topic.await(1, Duration.ofSeconds(10), alertname("OtherLeader"))).hasSize(1);
        assertThat(topic.during(Duration.ofSeconds(2), alertname("OtherLeader"))).hasSize(1);
    }

    @Test
    void aRowRepublishedAfterACrashKeepsItsId() throws Exception {
        AlertRows.fire(Map.of("alertname", "Republish", "instance", "h1"));
        List<NotificationTopic.Read> first = topic.await(1, Duration.ofSeconds(10), alertname("Republish"));
        assertThat(first).hasSize(1);
        String id = first.get(0).notification().id();
        // As if the replica died after Kafka acknowledged the record but before it was marked published.
        assertThat(AlertRows.execute("UPDATE notification_outbox SET published_at = NULL WHERE id = ?", id)).isEqualTo(1);
        List<NotificationTopic.Read> again = topic.await(2, Duration.ofSeconds(10), alertname("Republish"));
        assertThat(again).hasSize(2);
        assertThat(again.get(1).notification().id()).isEqualTo(id);
        assertThat(again.get(1).notification()).isEqualTo(first.get(0).notification());
    }
}

package io.vigil.alerting.manager.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.vigil.alerting.model.Fingerprints;
import io.vigil.testkit.VigilInfra;
import io.vigil.testkit.VigilInfraResource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Alertmanager's API v2 as Prometheus, amtool and Grafana use it: shapes, validation, silences' life cycle. */
@QuarkusTest
@TestProfile(ManagerProfile.class)
@WithTestResource(value = VigilInfraResource.class, initArgs = @ResourceArg(name = "redis", value = "false"))
class AlertmanagerApiIT {
    static String silenceBody(String matchers, Instant start, Instant end, String by, String comment) {
        return """
                {"matchers":%s,"startsAt":"%s","endsAt":"%s","createdBy":%s,"comment":%s}"""
                .formatted(matchers, start, end, by == null ? "null" : "\"" + by + "\"", comment == null ? "null" : "\"" + comment + "\"");
    }

    @Test
    void statusAndReceiversHaveAlertmanagersShape() {
        JsonPath s = given().get("/api/v2/status").then().statusCode(200).extract().jsonPath();
        assertThat(s.getMap("")).containsOnlyKeys("cluster", "versionInfo", "config", "uptime");
        assertThat(s.getString("cluster.status")).isEqualTo("ready");
        assertThat(s.getList("cluster.peers")).isEmpty();
        assertThat(s.getMap("versionInfo")).containsOnlyKeys("version", "revision", "branch", "buildUser", "buildDate", "goVersion");
        assertThat(s.getString("config.original")).contains("receiver: oncall-pager");
        assertThat(Instant.parse(s.getString("uptime"))).isBefore(Instant.now());
        given().get("/api/v2/receivers").then().statusCode(200)
                .body("name", contains("oncall-pager", "team-email"));
    }

    @Test
    void postedAlertsAreListedWithReceiversAndStatus() {
        Instant start = Instant.now().minusSeconds(30).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        given().contentType("application/json").body("""
                [{"labels":{"alertname":"ApiPosted","instance":"h1"},"annotations":{"summary":"s"},"startsAt":"%s",
                  "generatorURL":"http://prom.example.test/graph"}]""".formatted(start))
                .post("/api/v2/alerts").then().statusCode(200);
        JsonPath list = given().queryParam("filter", "alertname=\"ApiPosted\"").get("/api/v2/alerts").then().statusCode(200)
                .extract().jsonPath();
        assertThat(list.getList("")).hasSize(1);
        Map<String, Object> a = list.getMap("[0]");
        assertThat(a).containsOnlyKeys("labels", "annotations", "startsAt", "endsAt", "updatedAt", "generatorURL", "fingerprint",
                "receivers", "status");
        assertThat(a.get("labels")).isEqualTo(Map.of("alertname", "ApiPosted", "instance", "h1"));
        assertThat(a.get("fingerprint")).isEqualTo(Fingerprints.of(Map.of("alertname", "ApiPosted", "instance", "h1")));
        assertThat(a.get("receivers")).isEqualTo(List.of(Map.of("name", "team-email")));
        assertThat(a.get("status")).isEqualTo(Map.of("state", "active", "silencedBy", List.of(), "inhibitedBy", List.of()));
        assertThat(Instant.parse((String) a.get("startsAt"))).isEqualTo(start);
        assertThat(Instant.parse((String) a.get("endsAt"))).isAfter(Instant.now().plus(Duration.ofMinutes(4)));
        given().get("/api/v2/alerts/groups").then().statusCode(200)
                .body("find { it.labels.alertname == 'ApiPosted' }.receiver.name", equalTo("team-email"))
                .body("find { it.labels.alertname == 'ApiPosted' }.alerts", hasSize(1));
        given().queryParam("filter", "alertname=\"ApiPosted\"").queryParam("receiver", "oncall.*").get("/api/v2/alerts")
                .then().statusCode(200).body("", empty());

        // Resolved by an endsAt in the past: no longer listed.
        given().contentType("application/json").body("""
                [{"labels":{"alertname":"ApiPosted","instance":"h1"},"startsAt":"%s","endsAt":"%s"}]"""
                .formatted(start, Instant.now().minusSeconds(1))).post("/api/v2/alerts").then().statusCode(200);
        given().queryParam("filter", "alertname=\"ApiPosted\"").get("/api/v2/alerts").then().statusCode(200).body("", empty());
    }

    @Test
    void badPostedAlertsAreRefusedWithTheReason() {
        post("[{\"labels\":{}}]", 400, "\"alert 0: at least one label pair is required\"");
        post("[{\"labels\":{\"alertname\":\"\"}}]", 400, "\"alert 0: at least one label pair is required\"");
        post("[{\"labels\":{\"1bad\":\"x\"}}]", 400, "\"alert 0: invalid labels name \\\"1bad\\\"\"");
        post("[{\"labels\":{\"a\":1}}]", 400, "\"alert 0: labels a: value must be a string\"");
        post("[{\"labels\":{\"a\":\"b\"},\"startsAt\":\"2026-01-02T00:00:00Z\",\"endsAt\":\"2026-01-01T00:00:00Z\"}]", 400,
                "\"alert 0: endsAt 2026-01-01T00:00:00Z is before startsAt 2026-01-02T00:00:00Z\"");
        post("[{\"labels\":{\"a\":\"b\"},\"startsAt\":\"yesterday\"}]", 400, "\"alert 0: startsAt \\\"yesterday\\\" is not an RFC 3339 time\"");
        post("{\"labels\":{\"a\":\"b\"}}", 400, "\"the body must be a JSON array of alerts\"");
        post("[{\"labels\":", 400, null);
        post("", 400, "\"the request has no body\"");
        post("[" + "[".repeat(5000) + "]".repeat(5000) + "]", 400, null);
        post("[" + "{\"labels\":{\"a\":\"b\"}},".repeat(100_000) + "{}]", 413, "\"the body is larger than 1048576 bytes\"");
    }

    private static void post(String body, int status, String exactBody) {
        var r = given().contentType("application/json").body(body).post("/api/v2/alerts").then().statusCode(status);
        if (exactBody != null) {
            r.body(equalTo(exactBody));
        } else {
            r.body(containsString("the body is not valid JSON"));
        }
    }

    @Test
    void silenceLifeCycleWithAuditAndAlertmanagerUpdateRules() throws Exception {
        Instant now = Instant.now();
        String matcher = "[{\"name\":\"alertname\",\"value\":\"Maint\",\"isRegex\":false}]";
        String id = given().contentType("application/json").body(silenceBody(matcher, now.minusSeconds(5), now.plusSeconds(3600), "ann", "maintenance"))
                .post("/api/v2/silences").then().statusCode(200).extract().path("silenceID");
        JsonPath s = given().get("/api/v2/silence/" + id).then().statusCode(200).extract().jsonPath();
        assertThat(s.getMap("")).containsOnlyKeys("id", "status", "updatedAt", "matchers", "startsAt", "endsAt", "createdBy", "comment");
        assertThat(s.getString("status.state")).isEqualTo("active");
        assertThat(s.getList("matchers")).isEqualTo(List.of(Map.of("name", "alertname", "value", "Maint", "isRegex", false, "isEqual", true)));
        assertThat(auditActions(id)).containsExactly("silence.create:anonymous");

        // Extending an active silence keeps its id; changing its matchers expires it and makes a new one.
        String same = given().contentType("application/json").body("{\"id\":\"" + id + "\"," + silenceBody(matcher, now, now.plusSeconds(7200), "ann", "longer").substring(1))
                .post("/api/v2/silences").then().statusCode(200).extract().path("silenceID");
        assertThat(same).isEqualTo(id);
        String other = "[{\"name\":\"alertname\",\"value\":\"Maint2\",\"isRegex\":false}]";
        String replaced = given().contentType("application/json").body("{\"id\":\"" + id + "\"," + silenceBody(other, now, now.plusSeconds(7200), "ann", "other").substring(1))
                .post("/api/v2/silences").then().statusCode(200).extract().path("silenceID");
        assertThat(replaced).isNotEqualTo(id);
        given().get("/api/v2/silence/" + id).then().body("status.state", equalTo("expired"));
        given().queryParam("filter", "alertname=Maint2").get("/api/v2/silences").then().statusCode(200).body("id", contains(replaced));

        given().delete("/api/v2/silence/" + replaced).then().statusCode(200);
        given().get("/api/v2/silence/" + replaced).then().body("status.state", equalTo("expired"));
        given().delete("/api/v2/silence/" + replaced).then().statusCode(400).body(equalTo("\"silence " + replaced + " has already expired\""));
        assertThat(auditActions(replaced)).containsExactly("silence.create:anonymous", "silence.expire:anonymous");
    }

    @Test
    void badSilencesAreRefusedWithTheReason() {
        Instant now = Instant.now();
        String m = "[{\"name\":\"alertname\",\"value\":\"X\",\"isRegex\":false}]";
        silence("{\"matchers\":[],\"startsAt\":\"" + now + "\",\"endsAt\":\"" + now.plusSeconds(60) + "\",\"createdBy\":\"a\",\"comment\":\"c\"}",
                "matchers: a silence needs at least one matcher");
        silence(silenceBody("[{\"name\":\"foo\",\"value\":\".*\",\"isRegex\":true}]", now, now.plusSeconds(60), "a", "c"),
                "at least one matcher must not match the empty string (this silence would mute every alert)");
        silence(silenceBody(m, now.plusSeconds(60), now.plusSeconds(30), "a", "c"), "endsAt must be after startsAt");
        silence(silenceBody(m, now.minusSeconds(60), now.minusSeconds(30), "a", "c"), "endsAt must be after startsAt; endsAt is in the past");
        silence(silenceBody(m, now, now.plusSeconds(60), null, null), "createdBy is required; comment is required");
        silence(silenceBody("[{\"name\":\"a\",\"value\":\"(\",\"isRegex\":true}]", now, now.plusSeconds(60), "a", "c"),
                "invalid regular expression \"(\": Unclosed group");
        silence(silenceBody(m, now, now.plusSeconds(60), "a", "c".repeat(5000)), "comment is longer than 4096 characters");
        silence("[]", "the body must be a JSON object (a postable silence)");
        given().contentType("application/json").body("{\"id\":\"00000000-0000-0000-0000-000000000000\"," + silenceBody(m, now, now.plusSeconds(60), "a", "c").substring(1))
                .post("/api/v2/silences").then().statusCode(404).body(equalTo("\"silence 00000000-0000-0000-0000-000000000000 not found\""));
        given().get("/api/v2/silence/00000000-0000-0000-0000-000000000000").then().statusCode(404);
        given().get("/api/v2/silence/'; drop table silences;--").then().statusCode(400).body(equalTo("\"silence id must be a UUID\""));
        given().queryParam("filter", "alertname").get("/api/v2/silences").then().statusCode(400)
                .body(equalTo("\"bad filter alertname: expected an operator (=, !=, =~, !~) at position 10 of alertname\""));
    }

    private static void silence(String body, String reason) {
        given().contentType("application/json").body(body).post("/api/v2/silences").then().statusCode(400)
                .body(equalTo("\"" + reason.replace("\"", "\\\"") + "\""));
    }

    static List<String> auditActions(String target) throws Exception {
        try (Connection c = VigilInfra.timescale().connect(); PreparedStatement ps = c.prepareStatement(
                "SELECT action || ':' || actor FROM alerting_audit WHERE target = ? ORDER BY id")) {
            ps.setString(1, target);
            try (ResultSet rs = ps.executeQuery()) {
                List<String> out = new java.util.ArrayList<>();
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
                return out;
            }
        }
    }

    @Test
    void uptimeIsPresent() {
        given().get("/api/v2/status").then().body("uptime", notNullValue());
    }
}

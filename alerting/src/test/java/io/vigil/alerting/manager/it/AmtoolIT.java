package io.vigil.alerting.manager.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vigil.testkit.VigilInfraResource;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The real amtool (Alertmanager 0.25's CLI) against the running service: silences and alerts. */
@QuarkusTest
@TestProfile(ManagerProfile.class)
@WithTestResource(value = VigilInfraResource.class, initArgs = @ResourceArg(name = "redis", value = "false"))
class AmtoolIT {
    private static final Path AMTOOL = Path.of("/usr/bin/amtool");

    @TestHTTPResource("/")
    URL base;

    private String amtool(String... args) throws IOException, InterruptedException {
        assertThat(Files.isExecutable(AMTOOL)).as("amtool is missing at " + AMTOOL + ": ./vigil test installs it (prometheus-alertmanager)").isTrue();
        List<String> cmd = new ArrayList<>(List.of(AMTOOL.toString(), "--alertmanager.url=http://127.0.0.1:" + base.getPort()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("amtool %s said: %s", String.join(" ", args), out).isZero();
        return out.strip();
    }

    @Test
    void silenceAddQueryExpire() throws Exception {
        String id = amtool("silence", "add", "alertname=AmtoolX", "--comment=c", "--author=a", "--duration=1h");
        assertThat(id).matches("[0-9a-f-]{36}");
        JsonNode listed = new ObjectMapper().readTree(amtool("silence", "query", "-o", "json", "alertname=AmtoolX"));
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).get("id").asText()).isEqualTo(id);
        assertThat(listed.get(0).get("createdBy").asText()).isEqualTo("a");
        assertThat(listed.get(0).get("status").get("state").asText()).isEqualTo("active");
        amtool("silence", "expire", id);
        given().get("/api/v2/silence/" + id).then().statusCode(200).body("status.state", equalTo("expired"));
        assertThat(new ObjectMapper().readTree(amtool("silence", "query", "-o", "json", "alertname=AmtoolX"))).isEmpty();
        assertThat(AlertmanagerApiIT.auditActions(id)).containsExactly("silence.create:anonymous", "silence.expire:anonymous");
    }

    @Test
    void alertQueryShowsFiringAlerts() throws Exception {
        AlertRows.fire(java.util.Map.of("alertname", "AmtoolAlert", "instance", "h9"));
        String out = amtool("alert", "query", "alertname=AmtoolAlert", "-o", "json");
        JsonNode alerts = new ObjectMapper().readTree(out);
        assertThat(alerts).hasSize(1);
        assertThat(alerts.get(0).get("labels").get("instance").asText()).isEqualTo("h9");
        assertThat(amtool("alert", "query")).contains("AmtoolAlert");
    }
}

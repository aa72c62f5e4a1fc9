package io.vigil.alerting.rules;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vigil.alerting.audit.AuditLog;
import io.vigil.alerting.auth.TestTokens;
import io.vigil.testkit.VigilInfraResource;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Rule reloads as an operator meets them: {@code POST /-/reload} needs an admin token, a bad file is
 * refused with its position while the good version stays, listeners hear of changes, and the audit log
 * says who changed the rules.
 */
@QuarkusTest
@TestProfile(RulesReloadIT.WithRulesDir.class)
@WithTestResource(value = VigilInfraResource.class, initArgs = @ResourceArg(name = "redis", value = "false"))
class RulesReloadIT {
    static final String READER = TestTokens.READER;
    static final String ADMIN = TestTokens.ADMIN;
    // A fixed path: the profile and the test instance live in different class loaders, so a random
    // temporary directory would differ between them.
    static final Path DIR = Path.of("target", "rules-reload-it").toAbsolutePath();

    static {
        try {
            Files.createDirectories(DIR);
            // Left over from an interrupted run: start from an empty directory.
            try (var files = Files.list(DIR)) {
                for (Path f : files.toList()) {
                    Files.delete(f);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static class WithRulesDir implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> m = new HashMap<>(TestTokens.config());
            m.put("vigil.alerting.rules.dir", DIR.toString());
            // Polled by hand below (poll()), so that each test knows who loaded what.
            m.put("vigil.alerting.rules.poll-interval", "1h");
            return m;
        }
    }

    @Inject
    RuleRepository repository;

    @Inject
    AuditLog audit;

    private static String rules(String alert, String expr) {
        return "groups:\n  - name: it\n    rules:\n      - alert: " + alert + "\n        expr: " + expr + "\n";
    }

    private static List<String> alertNames(RuleSet set) {
        return set.groups().stream().flatMap(g -> g.rules().stream()).map(Rule::name).toList();
    }

    @Test
    void reloadNeedsAnAdminToken() {
        given().post("/-/reload").then().statusCode(401).body("error", startsWith("a token is required"));
        given().auth().oauth2(READER).post("/-/reload").then().statusCode(403)
                .body("error", equalTo("the token of grafana has the role reader; this needs admin"));
        given().auth().oauth2(READER).get("/api/v1/rules/errors").then().statusCode(200);
    }

    @Test
    void aBadFileIsRefusedAndTheGoodVersionStays() throws Exception {
        List<RuleSet> heard = new CopyOnWriteArrayList<>();
        repository.addListener(heard::add);

        Files.writeString(DIR.resolve("reload.yml"), rules("ReloadGood", "up == 0"));
        given().auth().oauth2(ADMIN).post("/-/reload").then().statusCode(200).body("status", equalTo("success"));
        assertThat(alertNames(repository.current())).contains("ReloadGood");
        assertThat(heard).isNotEmpty();
        assertThat(alertNames(heard.get(heard.size() - 1))).contains("ReloadGood");
        AuditLog.Entry entry = audit.recent(1).get(0);
        assertThat(entry.actor()).isEqualTo("ops");
        assertThat(entry.action()).isEqualTo("rules.reload");
        assertThat(entry.detail()).contains("\"added\": [\"reload.yml\"]");

        int heardBefore = heard.size();
        Files.writeString(DIR.resolve("reload.yml"), rules("ReloadBad", "up =="));
        given().auth().oauth2(ADMIN).put("/-/reload").then().statusCode(500)
                .body("status", equalTo("error"))
                .body("errors", contains("rules: reload.yml:5:20: group \"it\", rule \"ReloadBad\": "
                        + "could not parse expression: unexpected end of input"));
        assertThat(alertNames(repository.current())).contains("ReloadGood").doesNotContain("ReloadBad");
        assertThat(heard).hasSize(heardBefore);
        given().auth().oauth2(READER).get("/api/v1/rules/errors").then().statusCode(200)
                .body("data.errors", contains("reload.yml:5:20: group \"it\", rule \"ReloadBad\": "
                        + "could not parse expression: unexpected end of input"));
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("vigil_rules_config_last_reload_successful 0.0"));

        Files.writeString(DIR.resolve("reload.yml"), rules("ReloadFixed", "up == 0"));
        repository.poll();
        assertThat(alertNames(repository.current())).contains("ReloadFixed").doesNotContain("ReloadGood");
        assertThat(repository.errors()).isEmpty();
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("vigil_rules_config_last_reload_successful 1.0"));
        AuditLog.Entry watched = audit.recent(1).get(0);
        assertThat(watched.actor()).isEqualTo("file-watch");
        assertThat(watched.detail()).contains("\"changed\": [\"reload.yml\"]");

        Files.delete(DIR.resolve("reload.yml"));
        given().auth().oauth2(ADMIN).post("/-/reload").then().statusCode(200);
        assertThat(alertNames(repository.current())).doesNotContain("ReloadFixed");
        assertThat(audit.recent(1).get(0).detail()).contains("\"removed\": [\"reload.yml\"]");
    }
}

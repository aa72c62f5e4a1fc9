package io.vigil.alerting.manager.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vigil.alerting.manager.routing.RoutingHolder;
import io.vigil.alerting.model.Reloadable;
import io.vigil.testkit.VigilInfraResource;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The routing file is reloaded on request and when it changes; a bad file keeps the previous routing. */
@QuarkusTest
@TestProfile(RoutingReloadIT.WithCopiedFile.class)
@WithTestResource(value = VigilInfraResource.class, initArgs = @ResourceArg(name = "redis", value = "false"))
class RoutingReloadIT {
    static final Path FILE = Path.of("target/routing-reload-it.yml");

    public static class WithCopiedFile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                Files.copy(Path.of("src/test/resources/routing/it.yml"), FILE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Map<String, String> m = new HashMap<>(new ManagerProfile().getConfigOverrides());
            m.put("vigil.alerting.routing-file", FILE.toString());
            m.put("vigil.alerting.routing-poll-interval", "1s");
            return m;
        }
    }

    @Inject
    @Any
    Instance<Reloadable> reloadables;

    @Inject
    RoutingHolder routing;

    @Test
    void badFileKeepsTheOldRoutingGoodFileIsTakenAndAudited() throws Exception {
        Reloadable r = reloadables.stream().filter(x -> x.what().equals("routing")).findFirst().orElseThrow();
        Files.writeString(FILE, "route:\n  receiver: nobody\nreceivers:\n  - name: default\n");
        assertThat(r.reload("ops")).containsExactly(FILE + ":2:13: route refers to unknown receiver \"nobody\"");
        given().get("/api/v2/receivers").then().body("name", contains("oncall-pager", "team-email"));

        Files.writeString(FILE, "route:\n  receiver: new-team\nreceivers:\n  - name: new-team\n");
        assertThat(r.reload("ops")).isEmpty();
        given().get("/api/v2/receivers").then().body("name", contains("new-team"));
        assertThat(AlertmanagerApiIT.auditActions("routing")).endsWith("reload:ops");

        // A change of the file alone is picked up by the poll.
        Files.writeString(FILE, "route:\n  receiver: polled\nreceivers:\n  - name: polled\n");
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!routing.current().receivers().equals(List.of("polled")) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(routing.current().receivers()).containsExactly("polled");
        assertThat(AlertmanagerApiIT.auditActions("routing")).endsWith("reload:file-change");
    }
}

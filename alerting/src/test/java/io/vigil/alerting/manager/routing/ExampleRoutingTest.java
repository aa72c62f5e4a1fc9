package io.vigil.alerting.manager.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The routing file shipped in alerting/config (what ./vigil up routes by) is valid for Vigil and for
 * Alertmanager itself, and routes and inhibits as its comments say.
 */
class ExampleRoutingTest {
    private static final Path EXAMPLE = Path.of("config/routing.yml");

    @Test
    void routesPagesToTheOnCallAndWarningsToTheTeam() throws Exception {
        RoutingParser.Result r = RoutingParser.parse(EXAMPLE.toString(), Files.readString(EXAMPLE));
        assertThat(r.errors()).isEmpty();
        Route root = r.config().root();
        assertThat(root.match(Map.of("alertname", "InstanceDown", "severity", "critical")))
                .extracting(Route::receiver).containsExactly("oncall-pager");
        assertThat(root.match(Map.of("alertname", "InstanceDown", "severity", "critical")).get(0).groupWait())
                .isEqualTo(Duration.ofSeconds(10));
        assertThat(root.match(Map.of("alertname", "HostHighLoad", "severity", "warning")))
                .extracting(Route::receiver).containsExactly("team-email");
        assertThat(root.match(Map.of("alertname", "Unlabelled"))).extracting(Route::receiver).containsExactly("team-email");

        InhibitRule inhibit = r.config().inhibitRules().get(0);
        assertThat(inhibit.inhibits(Map.of("alertname", "Disk", "instance", "h1", "severity", "critical"),
                Map.of("alertname", "Disk", "instance", "h1", "severity", "warning"))).isTrue();
        assertThat(inhibit.inhibits(Map.of("alertname", "Disk", "instance", "h1", "severity", "critical"),
                Map.of("alertname", "Disk", "instance", "h2", "severity", "warning"))).isFalse();
    }

    @Test
    void alertmanagersOwnCheckerAcceptsIt() throws Exception {
        Path amtool = Path.of("/usr/bin/amtool");
        assertThat(Files.isExecutable(amtool)).as("amtool is missing at " + amtool
                + ": ./vigil test installs it (Debian's prometheus-alertmanager)").isTrue();
        Process p = new ProcessBuilder(amtool.toString(), "check-config", EXAMPLE.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("SUCCESS");
    }
}

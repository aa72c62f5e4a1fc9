package io.vigil.query.api.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vigil.testkit.VigilInfraResource;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Prometheus' own command-line client against the query service: {@code promtool query instant|range|
 * series|labels} must read our answers as it reads a Prometheus server's. promtool comes from the
 * Debian package that {@code ./vigil test} installs.
 */
@QuarkusTest
@WithTestResource(value = VigilInfraResource.class, initArgs = @ResourceArg(name = "kafka", value = "false"))
class PromtoolIT {
    @TestHTTPResource("/")
    URL root;

    @BeforeAll
    static void seed() throws Exception {
        ApiSeed.seed();
    }

    private String promtool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("promtool", "query"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("promtool finished").isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as("promtool " + String.join(" ", args) + " answered: " + out).isZero();
        return out;
    }

    private String server() {
        return root.toString().replaceAll("/$", "");
    }

    @Test
    void instantQueriesPrintOurSamples() throws Exception {
        String out = promtool("instant", "--time=" + ApiSeed.sec(100), server(), "it_api_cpu{host=\"h2\"}");
        assertThat(out.strip()).isEqualTo("it_api_cpu{host=\"h2\", pool=\"web\"} => 110.25 @[" + ApiSeed.sec(100) + "]");
        assertThat(promtool("instant", "--time=" + ApiSeed.sec(100), server(), "sum(it_api_cpu)").strip())
                .isEqualTo("{} => 120.5 @[" + ApiSeed.sec(100) + "]");
    }

    @Test
    void rangeQueriesPrintOnePointPerStep() throws Exception {
        String out = promtool("range", "--start=" + ApiSeed.sec(60), "--end=" + ApiSeed.sec(120), "--step=30s", server(),
                "sum(it_api_cpu)");
        assertThat(out.strip()).isEqualTo("{} =>\n112.5 @[" + ApiSeed.sec(60) + "]\n118.5 @[" + ApiSeed.sec(90) + "]\n124.5 @["
                + ApiSeed.sec(120) + "]");
    }

    @Test
    void seriesAndLabelValuesAreListed() throws Exception {
        String series = promtool("series", "--match=it_api_cpu", "--start=" + ApiSeed.sec(0), "--end=" + ApiSeed.sec(600),
                server());
        assertThat(series.lines().map(String::strip).toList()).containsExactly(
                "{__name__=\"it_api_cpu\", host=\"h1\", pool=\"web\"}", "{__name__=\"it_api_cpu\", host=\"h2\", pool=\"web\"}");
        String hosts = promtool("labels", "--match=it_api_cpu", "--start=" + ApiSeed.sec(0), "--end=" + ApiSeed.sec(600),
                server(), "host");
        assertThat(hosts.lines().map(String::strip).toList()).containsExactly("h1", "h2");
    }
}

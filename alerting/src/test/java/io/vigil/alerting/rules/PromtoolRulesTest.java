package io.vigil.alerting.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Our rule files are Prometheus rule files: the shipped examples and the good fixtures pass
 * {@code promtool check rules} and our parser; the bad fixtures fail both (except those we refuse and
 * Prometheus does not, listed in {@link #VIGIL_ONLY}).
 */
class PromtoolRulesTest {
    private static final Path PROMTOOL = Path.of("/usr/bin/promtool");
    /** Bad fixtures that only Vigil refuses (none yet: every mistake we check Prometheus checks too). */
    private static final Set<String> VIGIL_ONLY = Set.of();

    private static List<Path> files(String dir) throws IOException {
        try (Stream<Path> s = Files.list(Path.of(dir))) {
            return s.filter(p -> p.toString().endsWith(".yml") || p.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    private static Path promtool() {
        assertThat(Files.isExecutable(PROMTOOL))
                .withFailMessage("promtool is not installed at %s: run ./vigil test once (it installs the prometheus "
                        + "package), or apt-get install prometheus", PROMTOOL)
                .isTrue();
        return PROMTOOL;
    }

    private static String check(Path file) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(promtool().toString(), "check", "rules", file.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return p.exitValue() + " " + out.strip();
    }

    @Test
    void examplesAndGoodFixturesPassPromtoolAndOurParser() throws Exception {
        List<Path> good = new ArrayList<>(files("rules"));
        assertThat(good).extracting(p -> p.getFileName().toString()).contains("node.yml", "service.yml");
        good.addAll(files("src/test/resources/rules/good"));
        List<String> failures = new ArrayList<>();
        for (Path f : good) {
            String result = check(f);
            if (!result.startsWith("0 ")) {
                failures.add(f + ": promtool: " + result);
            }
            var parsed = RuleFileParser.parse(f.getFileName().toString(), Files.readAllBytes(f), Duration.ofMinutes(1));
            if (!parsed.errors().isEmpty()) {
                failures.add(f + ": vigil: " + parsed.errors());
            }
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void badFixturesFailPromtoolToo() throws Exception {
        List<String> accepted = new ArrayList<>();
        List<Path> bad = files("src/test/resources/rules/bad");
        assertThat(bad).hasSizeGreaterThanOrEqualTo(RuleFileParserTest.BAD.size());
        for (Path f : bad) {
            String name = f.getFileName().toString();
            String result = check(f);
            if (result.startsWith("0 ") != VIGIL_ONLY.contains(name)) {
                accepted.add(name + ": " + result);
            }
        }
        assertThat(accepted).isEmpty();
    }
}

package io.vigil.alerting.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading a directory of rule files: a bad file never replaces a good one; changes are seen by content. */
class RuleDirectoryTest {
    @TempDir
    Path dir;

    private static String rules(String group, String alert, String expr) {
        return "groups:\n  - name: " + group + "\n    rules:\n      - alert: " + alert + "\n        expr: " + expr + "\n";
    }

    private static List<String> alerts(RuleSet set) {
        return set.groups().stream().flatMap(g -> g.rules().stream().map(r -> g.key() + "/" + r.name())).toList();
    }

    @Test
    void keepsTheLastGoodVersionOfABadFileAndTakesItFixed() throws IOException {
        RuleDirectory d = new RuleDirectory(dir, Duration.ofMinutes(1));
        Files.writeString(dir.resolve("a.yml"), rules("g", "A1", "up == 0"));
        Files.writeString(dir.resolve("b.yaml"), rules("g", "B1", "up == 0"));
        Files.writeString(dir.resolve("notes.txt"), "not a rule file");
        RuleDirectory.Result first = d.load();
        assertThat(first.errors()).isEmpty();
        assertThat(first.added()).containsExactly("a.yml", "b.yaml");
        assertThat(alerts(first.rules())).containsExactly("a.yml;g/A1", "b.yaml;g/B1");

        Files.writeString(dir.resolve("a.yml"), rules("g", "A2", "up ==")); // bad PromQL
        RuleDirectory.Result broken = d.load();
        assertThat(broken.errors()).containsExactly(
                "a.yml:5:20: group \"g\", rule \"A2\": could not parse expression: unexpected end of input");
        assertThat(broken.changed()).containsExactly("a.yml");
        assertThat(broken.groupsChanged()).isFalse();
        assertThat(alerts(broken.rules())).containsExactly("a.yml;g/A1", "b.yaml;g/B1");

        RuleDirectory.Result again = d.load();
        assertThat(again.filesChanged()).isFalse();
        assertThat(again.errors()).hasSize(1);

        Files.writeString(dir.resolve("a.yml"), rules("g", "A3", "up == 0"));
        RuleDirectory.Result fixed = d.load();
        assertThat(fixed.errors()).isEmpty();
        assertThat(fixed.groupsChanged()).isTrue();
        assertThat(alerts(fixed.rules())).containsExactly("a.yml;g/A3", "b.yaml;g/B1");

        Files.delete(dir.resolve("b.yaml"));
        RuleDirectory.Result removed = d.load();
        assertThat(removed.removed()).containsExactly("b.yaml");
        assertThat(alerts(removed.rules())).containsExactly("a.yml;g/A3");
    }

    @Test
    void aFileThatWasNeverGoodContributesNothing() throws IOException {
        RuleDirectory d = new RuleDirectory(dir, Duration.ofMinutes(1));
        Files.writeString(dir.resolve("bad.yml"), "groups:\n  - name: x\n    rules:\n      - alert: X\n");
        RuleDirectory.Result r = d.load();
        assertThat(r.rules().groups()).isEmpty();
        assertThat(r.errors()).containsExactly("bad.yml:4:9: group \"x\", rule \"X\": \"expr\" is required");
    }

    @Test
    void followsAKubernetesConfigMapSymlinkSwap() throws IOException {
        // A ConfigMap volume: rules.yml -> ..data/rules.yml, ..data -> ..v1; an update points ..data at ..v2.
        Path v1 = Files.createDirectory(dir.resolve("..v1"));
        Path v2 = Files.createDirectory(dir.resolve("..v2"));
        Files.writeString(v1.resolve("rules.yml"), rules("g", "Old", "up == 0"));
        Files.writeString(v2.resolve("rules.yml"), rules("g", "New", "up == 0"));
        Files.createSymbolicLink(dir.resolve("..data"), Path.of("..v1"));
        Files.createSymbolicLink(dir.resolve("rules.yml"), Path.of("..data/rules.yml"));
        RuleDirectory d = new RuleDirectory(dir, Duration.ofMinutes(1));
        assertThat(alerts(d.load().rules())).containsExactly("rules.yml;g/Old");

        Path tmp = dir.resolve("..data_tmp");
        Files.createSymbolicLink(tmp, Path.of("..v2"));
        Files.move(tmp, dir.resolve("..data"), java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        RuleDirectory.Result swapped = d.load();
        assertThat(swapped.changed()).containsExactly("rules.yml");
        assertThat(alerts(swapped.rules())).containsExactly("rules.yml;g/New");
    }

    @Test
    void aMissingDirectoryIsAnErrorWithNoRules() {
        RuleDirectory d = new RuleDirectory(dir.resolve("nope"), Duration.ofMinutes(1));
        RuleDirectory.Result r = d.load();
        assertThat(r.rules().groups()).isEmpty();
        assertThat(r.errors()).containsExactly(dir.resolve("nope") + ": the rules directory does not exist");
        assertThat(new RuleDirectory(null, Duration.ofMinutes(1)).load().errors()).isEmpty();
    }

    @Test
    void loadsThousandsOfFilesAndRefusesOversizedOnes() throws IOException {
        for (int i = 0; i < 3000; i++) {
            Files.writeString(dir.resolve(String.format("r%04d.yml", i)), rules("g", "A" + i, "up == 0"));
        }
        Files.write(dir.resolve("huge.yml"), new byte[RuleFileParser.MAX_FILE_BYTES + 10]);
        RuleDirectory.Result r = new RuleDirectory(dir, Duration.ofMinutes(1)).load();
        assertThat(r.rules().groups()).hasSize(3000);
        assertThat(r.errors()).containsExactly("huge.yml:1:1: the file is larger than the limit of 4194304 bytes");
    }
}

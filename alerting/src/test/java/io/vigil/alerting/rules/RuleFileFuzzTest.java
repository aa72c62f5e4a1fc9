package io.vigil.alerting.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Damaged rule files (random byte edits of a good one) give positioned errors, never an exception. */
class RuleFileFuzzTest {
    private static final byte[] NOISE = " :-|>\"'{}[]&*!#\n\t$()=~\\0aZ_.,%@`".getBytes();

    @Test
    void damagedFilesGiveErrorsWithPositions() throws Exception {
        byte[] good = RuleFileParserTest.fixture("good/node.yml");
        Random random = new Random(42);
        List<String> problems = new ArrayList<>();
        int refused = 0;
        for (int i = 0; i < 3000; i++) {
            byte[] b = good.clone();
            int edits = 1 + random.nextInt(4);
            for (int k = 0; k < edits; k++) {
                b[random.nextInt(b.length)] = random.nextInt(10) == 0 ? (byte) random.nextInt(256)
                        : NOISE[random.nextInt(NOISE.length)];
            }
            try {
                RuleFileParser.RuleFile f = RuleFileParser.parse("f.yml", b, Duration.ofMinutes(1));
                if (!f.errors().isEmpty()) {
                    refused++;
                    assertThat(f.groups()).isEmpty();
                }
                for (String e : f.errors()) {
                    if (!e.matches("(?s)f\\.yml:\\d+:\\d+: .+")) {
                        problems.add(e);
                    }
                }
            } catch (RuntimeException e) {
                problems.add(new String(b) + " -> " + e);
            }
        }
        assertThat(problems).isEmpty();
        assertThat(refused).isGreaterThan(1000);
    }
}

package io.vigil.promql.parser;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.vigil.promql.ast.Expr;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;

/**
 * Coverage-guided fuzzing of the parser. Under plain {@code mvn test} Jazzer runs in regression mode:
 * each file of {@code PromqlParserFuzzTestInputs/parse/} (test resources: the corpus plus hostile
 * shapes) is one invocation. With {@code JAZZER_FUZZ=1} it mutates from those seeds for 20 s.
 * Either way: only {@link PromqlParseException} may escape, and whatever parses must print as text
 * that parses back to the same tree and prints the same again.
 */
class PromqlParserFuzzTest {
    private static final AtomicInteger INVOCATIONS = new AtomicInteger();

    @FuzzTest(maxDuration = "20s")
    void parse(byte[] input) {
        INVOCATIONS.incrementAndGet();
        String query = new String(input, StandardCharsets.UTF_8);
        checkQuery(query);
        // The same bytes read as Latin-1 reach characters that UTF-8 decoding replaces.
        checkQuery(new String(input, StandardCharsets.ISO_8859_1));
    }

    private static void checkQuery(String query) {
        Expr e;
        try {
            e = PromqlParser.parse(query);
        } catch (PromqlParseException expected) {
            assertThat(expected.position()).isBetween(0, query.length());
            return;
        }
        String printed = e.toString();
        Expr again = PromqlParser.parse(printed);
        assertThat(again).isEqualTo(e);
        assertThat(again.toString()).isEqualTo(printed);
    }

    @AfterAll
    static void seedsWereRun() {
        // Regression mode must actually exercise the seed corpus, not just an empty input.
        assertThat(INVOCATIONS.get()).isGreaterThanOrEqualTo(150);
    }
}

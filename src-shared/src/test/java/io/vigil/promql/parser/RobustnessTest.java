package io.vigil.promql.parser;

import static io.vigil.promql.parser.ParseErrors.assertError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.promql.ast.Expr;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RobustnessTest {

    @Test
    void deeplyNestedParenthesesAreRefusedNotOverflowed() {
        String deep = "(".repeat(100_000) + "1" + ")".repeat(100_000);
        assertThatThrownBy(() -> PromqlParser.parse(deep))
                .isInstanceOfSatisfying(PromqlParseException.class, e -> assertThat(e.reason()).isEqualTo(
                        "query too long: 200001 characters, at most 65536 allowed"));
        String nested = "(".repeat(30_000) + "1" + ")".repeat(30_000);
        assertError(nested, 500, "expression nested too deeply (more than 500 levels)");
    }

    @Test
    void nestingUpToTheLimitParsesAndPrintsOnASmallStack() throws Exception {
        int levels = PromqlParser.MAX_DEPTH - 2;
        List<String> deepest = List.of(
                "(".repeat(levels) + "x" + ")".repeat(levels),
                "abs(".repeat(levels) + "x" + ")".repeat(levels),
                "sum by (a) (".repeat(levels) + "x" + ")".repeat(levels),
                "max_over_time(".repeat(levels / 2) + "x" + "[1m:])".repeat(levels / 2),
                "-".repeat(levels) + "x",
                "2" + " ^ 2".repeat(levels),
                "x" + " + x".repeat(levels),
                "abs(-(".repeat(levels / 3) + "x" + "))".repeat(levels / 3));
        List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        // Threads in the services (Vert.x workers, the JVM default) have stacks of 512 KiB to 1 MiB.
        Thread t = new Thread(null, () -> {
            for (String q : deepest) {
                try {
                    Expr e = PromqlParser.parse(q);
                    assertThat(PromqlParser.parse(e.toString())).isEqualTo(e);
                } catch (Throwable bug) {
                    failures.add(new AssertionError("failed at the depth limit: " + q.substring(0, 40), bug));
                }
            }
        }, "small-stack", 512 * 1024);
        t.start();
        t.join();
        assertThat(failures).isEmpty();
    }

    @Test
    void otherDeepShapesAreRefused() {
        assertErrorContaining("-".repeat(20_000) + "x");
        assertErrorContaining("2" + " ^ 2".repeat(1_000));
        assertErrorContaining("1" + " + 1".repeat(1_000));
        assertErrorContaining("x" + " or x".repeat(5_000));
        assertErrorContaining("abs(".repeat(5_000) + "x" + ")".repeat(5_000));
        assertErrorContaining("sum(".repeat(5_000) + "x" + ")".repeat(5_000));
        assertErrorContaining("max_over_time(".repeat(3_000) + "x" + "[1m:])".repeat(3_000));
    }

    private static void assertErrorContaining(String query) {
        assertThatThrownBy(() -> PromqlParser.parse(query))
                .isInstanceOf(PromqlParseException.class)
                .hasMessageContaining("expression nested too deeply (more than 500 levels)");
    }

    @Test
    void longChainsUnderTheLimitPrintAndParseBack() {
        String chain = "x" + " + x".repeat(450);
        Expr e = PromqlParser.parse(chain);
        assertThat(e.toString()).isEqualTo(chain);
    }

    @Test
    void oversizedQueriesAreRefused() {
        String big = "x{a=\"" + "a".repeat(PromqlParser.MAX_QUERY_LENGTH) + "\"}";
        assertError(big, 0, "query too long: " + big.length() + " characters, at most 65536 allowed");
        String justFits = "x{a=\"" + "a".repeat(PromqlParser.MAX_QUERY_LENGTH - 7) + "\"}";
        assertThat(PromqlParser.parse(justFits).toString()).hasSize(PromqlParser.MAX_QUERY_LENGTH);
    }

    @Test
    void hostileRegexIsRefusedCleanly() {
        String regex = "(".repeat(20_000) + ")".repeat(20_000);
        assertThatThrownBy(() -> PromqlParser.parse("x{a=~\"" + regex + "\"}")).isInstanceOf(PromqlParseException.class);
    }

    @Test
    void oddCharactersAreRefusedWithTheirPosition() {
        assertError("x \u0000", 2, "unexpected character: U+0000");
        assertError("x + \ud83d\ude00", 4, "unexpected character: '\ud83d\ude00'");
        assertError("x\ud800", 1, "invalid UTF-8: unpaired surrogate character");
        assertError("x ! y", 2, "unexpected character: '!'");
        assertError("x\n  + ;", 6, "unexpected character: ';'");
    }

    @Test
    void positionsCarryLineAndColumn() {
        PromqlParseException e = catchParse("sum(\n  rate(x)\n)");
        assertThat(e.position()).isEqualTo(12);
        assertThat(e.line()).isEqualTo(2);
        assertThat(e.column()).isEqualTo(8);
        assertThat(e.getMessage()).isEqualTo(
                "2:8: parse error: expected type range vector in call to function \"rate\", got instant vector");
        assertThat(catchParse("foo{bar=~\"x\",}}").getMessage()).isEqualTo("1:15: parse error: unexpected \"}\"");
    }

    /** Random edits of valid queries: every outcome is a tree that prints and parses back, or a parse error. */
    @Test
    void twentyThousandMutantsEitherParseAndRoundTripOrFailCleanly() {
        List<String> corpus = Corpus.queries();
        Random random = new Random(20240601L);
        String alphabet = "(){}[],:;=!~<>+-*/%^@\"'`\\#\n .0123456789eExXabyzmsdhw_" + "\u00e9\ud83d\ude00";
        int parsed = 0;
        for (int i = 0; i < 20_000; i++) {
            String mutant = mutate(corpus.get(random.nextInt(corpus.size())), corpus, random, alphabet);
            Expr e;
            try {
                e = PromqlParser.parse(mutant);
            } catch (PromqlParseException expected) {
                continue;
            } catch (RuntimeException | StackOverflowError bug) {
                throw new AssertionError("parser crashed on mutant: " + mutant, bug);
            }
            parsed++;
            String printed = e.toString();
            assertThat(PromqlParser.parse(printed)).as("round trip of %s", mutant).isEqualTo(e);
        }
        assertThat(parsed).as("mutants that still parse").isGreaterThan(1_000);
    }

    private static String mutate(String query, List<String> corpus, Random random, String alphabet) {
        StringBuilder s = new StringBuilder(query);
        int edits = 1 + random.nextInt(3);
        for (int k = 0; k < edits; k++) {
            int at = s.isEmpty() ? 0 : random.nextInt(s.length() + 1);
            switch (random.nextInt(5)) {
                case 0 -> s.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
                case 1 -> {
                    if (at < s.length()) {
                        s.deleteCharAt(at);
                    }
                }
                case 2 -> {
                    if (at < s.length()) {
                        s.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
                    }
                }
                case 3 -> {
                    String other = corpus.get(random.nextInt(corpus.size()));
                    int from = random.nextInt(other.length());
                    s.insert(at, other, from, Math.min(other.length(), from + 1 + random.nextInt(12)));
                }
                default -> {
                    String[] ops = {" + ", " and ", " offset 5m", "[5m]", "[1h:]", " @ 1", " bool ", " by (a) ", "(", ")"};
                    s.insert(at, ops[random.nextInt(ops.length)]);
                }
            }
        }
        return s.toString();
    }

    private static PromqlParseException catchParse(String query) {
        try {
            PromqlParser.parse(query);
        } catch (PromqlParseException e) {
            return e;
        }
        throw new AssertionError("expected a parse error for " + query);
    }
}

package io.vigil.wire.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Hostile bodies: thousands of random mutations of a valid push (flipped, dropped, duplicated and
 * inserted bytes). Whatever arrives, the parser either reports items (each exactly once, as a sample
 * or as invalid) or refuses the body with a reason; it never throws anything else.
 */
class JsonPushParserMutationTest {
    private static final byte[] VALID = ("[{\"metric_name\":\"cpu.load\",\"labels\":{\"host\":\"i631\",\"env\":\"prod\"},"
            + "\"timestamp\":1613707265.5,\"value\":0.29},{\"metric_name\":\"mem\",\"timestamp\":\"2021-02-19T04:01:05Z\","
            + "\"value\":-1e3}]").getBytes(StandardCharsets.UTF_8);
    private static final byte[] ALPHABET = "{}[]\":,.-+eE0123456789 \\nt\u00ff\u0000abc".getBytes(StandardCharsets.ISO_8859_1);

    @Test
    void mutatedBodiesAreReportedOrRefusedNeverCrash() {
        Random random = new Random(20261122);
        int refused = 0;
        for (int run = 0; run < 20_000; run++) {
            byte[] body = mutate(VALID, random);
            int[] seen = {0};
            int[] lastIndex = {-1};
            try {
                JsonPushParser.parse(new ByteArrayInputStream(body), 0, new JsonPushParser.Handler() {
                    @Override
                    public void sample(int index, String name, Map<String, String> labels, long ts, double value) {
                        check(index);
                        assertThat(name).isNotNull();
                    }

                    @Override
                    public void invalid(int index, String reason) {
                        check(index);
                        assertThat(reason).isNotBlank();
                    }

                    private void check(int index) {
                        assertThat(index).isEqualTo(lastIndex[0] + 1);
                        lastIndex[0] = index;
                        seen[0]++;
                    }
                });
            } catch (JsonPushParser.MalformedBodyException e) {
                assertThat(e.getMessage()).isNotBlank();
                refused++;
            }
        }
        // The mutations must actually exercise both outcomes.
        assertThat(refused).isBetween(1000, 19_900);
    }

    private static byte[] mutate(byte[] input, Random random) {
        byte[] b = input.clone();
        int edits = 1 + random.nextInt(4);
        for (int e = 0; e < edits; e++) {
            int at = random.nextInt(b.length);
            switch (random.nextInt(4)) {
                case 0 -> b[at] = ALPHABET[random.nextInt(ALPHABET.length)];
                case 1 -> b = splice(b, at, 1 + random.nextInt(8), new byte[0]);
                case 2 -> b = splice(b, at, 0, new byte[] {ALPHABET[random.nextInt(ALPHABET.length)]});
                default -> b = splice(b, at, 0, java.util.Arrays.copyOfRange(b, at, Math.min(b.length, at + random.nextInt(20))));
            }
            if (b.length == 0) {
                return b;
            }
        }
        return b;
    }

    private static byte[] splice(byte[] b, int at, int remove, byte[] insert) {
        int cut = Math.min(remove, b.length - at);
        byte[] out = new byte[b.length - cut + insert.length];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(b, at + cut, out, at + insert.length, b.length - at - cut);
        return out;
    }
}

package io.vigil.wire.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonPushParserTest {
    private static final long NOW = 1_700_000_000_000L;

    record Item(int index, String name, Map<String, String> labels, long ts, double value, String error) {
    }

    private static List<Item> parse(String body) throws JsonPushParser.MalformedBodyException {
        List<Item> items = new ArrayList<>();
        JsonPushParser.parse(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), NOW, new JsonPushParser.Handler() {
            @Override
            public void sample(int index, String metricName, Map<String, String> labels, long ts, double value) {
                items.add(new Item(index, metricName, labels, ts, value, null));
            }

            @Override
            public void invalid(int index, String reason) {
                items.add(new Item(index, null, null, 0, 0, reason));
            }
        });
        return items;
    }

    @Test
    void parsesTheDocumentedExample() throws Exception {
        List<Item> items = parse("{\"metric_name\":\"cpu.load\",\"labels\":{\"host\":\"i631\",\"env\":\"prod\"},"
                + "\"timestamp\":1613707265,\"value\":0.29}");
        assertThat(items).containsExactly(new Item(0, "cpu.load", Map.of("host", "i631", "env", "prod"),
                1_613_707_265_000L, 0.29, null));
    }

    @Test
    void acceptsFractionalSecondsRfc3339AndMissingTimestamps() throws Exception {
        List<Item> items = parse("[{\"metric_name\":\"a\",\"timestamp\":1613707265.1234,\"value\":1},"
                + "{\"metric_name\":\"a\",\"timestamp\":\"2021-02-19T05:01:05.5+01:00\",\"value\":2},"
                + "{\"metric_name\":\"a\",\"timestamp\":\"2021-02-19t04:01:05z\",\"value\":3},"
                + "{\"metric_name\":\"a\",\"value\":-4e-3}]");
        assertThat(items).extracting(Item::ts).containsExactly(1_613_707_265_123L, 1_613_707_265_500L,
                1_613_707_265_000L, NOW);
        assertThat(items.get(3).value()).isEqualTo(-0.004);
    }

    @Test
    void namesEachBadItemAndWhyWhileKeepingTheGoodOnes() throws Exception {
        List<Item> items = parse("[{\"metric_name\":\"ok\",\"value\":1},"
                + "{\"metric_name\":\"x\",\"value\":\"high\"},"
                + "{\"metric_name\":\"x\",\"valeu\":1},"
                + "{\"value\":1},"
                + "{\"metric_name\":\"x\",\"labels\":{\"a\":1},\"value\":1},"
                + "{\"metric_name\":\"x\",\"labels\":{\"a\":\"1\",\"a\":\"2\"},\"value\":1},"
                + "{\"metric_name\":\"x\",\"timestamp\":\"yesterday\",\"value\":1},"
                + "{\"metric_name\":\"x\",\"timestamp\":1e300,\"value\":1},"
                + "42,"
                + "{\"metric_name\":\"x\",\"labels\":{\"deep\":{\"a\":[1,{\"b\":2}]}},\"value\":1},"
                + "{\"metric_name\":\"ok2\",\"value\":2}]");
        assertThat(items).extracting(Item::error).containsExactly(null,
                "value is a string, expected a number",
                "unknown field \"valeu\"",
                "metric_name is missing",
                "label \"a\" is a number, expected a string",
                "label \"a\" is given twice",
                "timestamp \"yesterday\" is not an RFC 3339 time",
                "timestamp 1e300 is out of range (expected Unix seconds)",
                "item is a number, expected an object",
                "label \"deep\" is an object, expected a string",
                null);
        assertThat(items).extracting(Item::index).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        assertThat(items.get(10).name()).isEqualTo("ok2");
    }

    @Test
    void malformedBodiesSayWhereTheyBreak() {
        assertThatThrownBy(() -> parse("")).hasMessageContaining("empty body");
        assertThatThrownBy(() -> parse("[{\"metric_name\":\"a\",\n\"value\":1,}]"))
                .hasMessageStartingWith("malformed JSON at line 2");
        assertThatThrownBy(() -> parse("[{\"metric_name\":\"a\",\"value\":1}")).hasMessageContaining("malformed JSON");
        assertThatThrownBy(() -> parse("\"just a string\"")).hasMessageContaining("body is a string");
        assertThatThrownBy(() -> parse("{\"metric_name\":\"a\",\"value\":1} {}")).hasMessageContaining("after the end");
        assertThatThrownBy(() -> parse("\u0000\u0001garbage")).hasMessageContaining("malformed JSON");
    }

    @Test
    void hostileNestingAndNumbersAreRefusedNotObeyed() {
        String deep = "[".repeat(10_000) + "]".repeat(10_000);
        assertThatThrownBy(() -> parse(deep)).hasMessageContaining("malformed JSON");
        String longNumber = "{\"metric_name\":\"a\",\"value\":1" + "0".repeat(5000) + "}";
        assertThatThrownBy(() -> parse(longNumber)).hasMessageContaining("malformed JSON");
    }

    @Test
    void stopsWhenTheHandlerSaysSo() throws Exception {
        List<Integer> seen = new ArrayList<>();
        JsonPushParser.parse(new ByteArrayInputStream("[{\"metric_name\":\"a\",\"value\":1},{\"metric_name\":\"a\",\"value\":2}]"
                .getBytes(StandardCharsets.UTF_8)), NOW, new JsonPushParser.Handler() {
                    @Override
                    public void sample(int index, String n, Map<String, String> l, long ts, double v) {
                        seen.add(index);
                    }

                    @Override
                    public void invalid(int index, String reason) {
                    }

                    @Override
                    public boolean more(int index) {
                        return index < 1;
                    }
                });
        assertThat(seen).containsExactly(0);
    }
}

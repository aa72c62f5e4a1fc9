package io.vigil.systest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.testkit.ExpectedBuckets;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** HTTP push → Kafka → writer → TimescaleDB → query API, each a separate process. */
class ChainIT {
    private final VigilSystem system = SharedSystem.get();

    @Test
    void pushedSamplesComeBackWithEveryAggregationAndGrouping() throws Exception {
        String metric = "sys.chain.cpu";
        long start = (System.currentTimeMillis() / 3_600_000L - 1) * 3_600_000L;
        int hosts = 6;
        int perSeries = 30; // five minutes at 10 s
        Pushes.pushOk(system, Pushes.body(metric, hosts, perSeries, start, 0));
        assertThat(Pushes.awaitStored(system, metric, hosts * perSeries, Duration.ofSeconds(60))).isEqualTo(hosts * perSeries);

        for (String agg : new String[] {"avg", "sum", "min", "max", "count"}) {
            JsonNode data = system.range("metric", metric, "start", Long.toString(start / 1000),
                    "end", Long.toString(start / 1000 + perSeries * 10), "step", "60", "agg", agg, "by", "region");
            assertThat(data.get("tier").asText()).isEqualTo("1m");
            assertThat(data.get("cached").asBoolean()).isFalse();
            assertThat(data.get("series")).hasSize(2);
            for (JsonNode series : data.get("series")) {
                int region = series.get("labels").get("region").asText().equals("r0") ? 0 : 1;
                Map<Long, Double> expected = expected(start, hosts, perSeries, region, agg);
                Map<Long, Double> actual = new TreeMap<>();
                series.get("points").forEach(p -> actual.put(p.get(0).asLong(), p.get(1).asDouble()));
                assertThat(actual.keySet()).isEqualTo(expected.keySet());
                expected.forEach((t, v) -> assertThat(actual.get(t)).as(agg + " r" + region + " @" + t)
                        .isCloseTo(v, org.assertj.core.data.Offset.offset(1e-9 * Math.max(1, Math.abs(v)))));
            }
        }
        JsonNode one = system.range("metric", metric, "match", "host:h3", "start", Long.toString(start / 1000),
                "end", Long.toString(start / 1000 + 300), "step", "10", "agg", "max");
        assertThat(one.get("tier").asText()).isEqualTo("raw");
        assertThat(one.get("series").get(0).get("points")).hasSize(perSeries);
        assertThat(one.get("series").get(0).get("points").get(4).get(1).asDouble()).isEqualTo(Pushes.value(3, 4, 0));
    }

    private static Map<Long, Double> expected(long start, int hosts, int perSeries, int region, String agg) {
        ExpectedBuckets expected = new ExpectedBuckets();
        for (int h = region; h < hosts; h += 2) {
            for (int i = 0; i < perSeries; i++) {
                expected.add("", (start + i * 10_000L) / 60_000 * 60, Pushes.value(h, i, 0));
            }
        }
        return expected.values(agg).get("");
    }

    @Test
    void invalidPushesGet400WithReasonsAndTheValidItemsAreReadable() throws Exception {
        String metric = "sys.chain.partial";
        long t = System.currentTimeMillis() / 1000 - 120;
        HttpResponse<String> r = VigilSystem.post(system.gateway.url("/api/v1/push"), "[{\"metric_name\":\"" + metric
                + "\",\"labels\":{\"host\":\"a\"},\"timestamp\":" + t + ",\"value\":7},"
                + "{\"metric_name\":\"" + metric + "\",\"labels\":{\"host\":\"\"},\"timestamp\":" + t + ",\"value\":1},"
                + "{\"metric_name\":\"" + metric + "\",\"timestamp\":" + t + "}]");
        assertThat(r.statusCode()).isEqualTo(400);
        JsonNode body = VigilSystem.JSON.readTree(r.body());
        assertThat(body.get("accepted").asInt()).isEqualTo(1);
        assertThat(body.get("errors").get(0).get("index").asInt()).isEqualTo(1);
        assertThat(body.get("errors").get(0).get("error").asText()).contains("label \"host\" has an empty value");
        assertThat(body.get("errors").get(1).get("error").asText()).isEqualTo("value is missing");
        assertThat(Pushes.awaitStored(system, metric, 1, Duration.ofSeconds(60))).isEqualTo(1);
        JsonNode data = system.range("metric", metric, "start", Long.toString(t - 60), "end", Long.toString(t + 60),
                "step", "60", "agg", "sum");
        assertThat(data.get("series").get(0).get("points").get(0).get(1).asDouble()).isEqualTo(7.0);

        HttpResponse<String> malformed = VigilSystem.post(system.gateway.url("/api/v1/push"), "{\"metric_name\": ");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.body()).contains("malformed JSON");
    }
}

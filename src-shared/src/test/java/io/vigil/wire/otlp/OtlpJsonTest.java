package io.vigil.wire.otlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceResponse;
import io.vigil.wire.WireFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** OTLP/JSON: the same series as protobuf, the JSON mapping's liberties, and refusals with a location. */
class OtlpJsonTest {
    private static final String MS = " 1700000000123 ";

    static RecordingSink parse(String json) {
        RecordingSink sink = new RecordingSink();
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        new OtlpMetricsParser(OtlpOptions.DEFAULTS).parseJson(body, body.length, sink, 42);
        return sink;
    }

    @Test
    void exampleRequestWithEveryKindOfMetric() throws IOException {
        String json;
        try (InputStream in = getClass().getResourceAsStream("example.json")) {
            json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        RecordingSink sink = parse(json);
        assertThat(sink.samples).containsExactly(
                "orders_placed_total{job=\"orders\",payment_method=\"card\"}" + MS + "3.0 delta",
                "queue_depth_ratio{job=\"orders\"}" + MS + "0.75",
                "checkout_latency_milliseconds_sum{job=\"orders\"}" + MS + "42.5",
                "checkout_latency_milliseconds_count{job=\"orders\"}" + MS + "3.0",
                "checkout_latency_milliseconds_bucket{job=\"orders\",le=\"10\"}" + MS + "1.0",
                "checkout_latency_milliseconds_bucket{job=\"orders\",le=\"+Inf\"}" + MS + "3.0",
                "target_info{cloud_region=\"eu-west-1\",job=\"orders\"}" + MS + "1.0");
        assertThat(sink.rejections).containsExactly("metric \"payload.size\": exponential histograms are not supported; "
                + "configure the exporter for explicit bucket histograms");
    }

    @Test
    void protoNamesEnumNamesNumbersForInt64AndSpecialDoubles() {
        RecordingSink sink = parse("""
                {"resource_metrics":[{"scope_metrics":[{"metrics":[
                  {"name":"a","sum":{"aggregation_temporality":"AGGREGATION_TEMPORALITY_CUMULATIVE","is_monotonic":true,
                   "data_points":[{"as_int":5,"time_unix_nano":1700000000123456789}]}},
                  {"name":"b","gauge":{"dataPoints":[{"asDouble":"NaN","timeUnixNano":"1700000000123000000"},
                                                     {"asDouble":"-Infinity","timeUnixNano":"1700000000124000000"},
                                                     {"asDouble":null,"asInt":"-9223372036854775808","timeUnixNano":"1700000000125000000"}]}},
                  {"name":"c","unknownField":{"deep":[1,2,{"x":null}]},
                   "gauge":{"dataPoints":[{"asDouble":1e300,"timeUnixNano":"18446744073709551615"}]}}
                ]}]}]}""");
        assertThat(sink.samples).containsExactly("a_total{}" + MS + "5.0", "b{}" + MS + "NaN",
                "b{} 1700000000124 -Infinity", "b{} 1700000000125 -9.223372036854776E18",
                "c{} 18446744073709 1.0E300");
        assertThat(sink.rejections).isEmpty();
    }

    @Test
    void emptyRequestIsFine() {
        assertThat(parse("{}").samples).isEmpty();
        assertThat(parse("{\"resourceMetrics\":[]}").samples).isEmpty();
    }

    @Test
    void malformedBodiesAreRefusedWithWhatAndWhere() {
        assertRefused("", "OTLP/JSON: the body is empty");
        assertRefused("[]", "OTLP/JSON: the body is not a JSON object (line 1, column 2)");
        assertRefused("{\"resourceMetrics\":[{]}", "OTLP/JSON: Unexpected close marker ']'");
        assertRefused("{\"resourceMetrics\":5}", "OTLP/JSON: \"resourceMetrics\" must be an object");
        assertRefused("{} {}", "OTLP/JSON: content after the request object");
        assertRefused(gauge("{\"timeUnixNano\":\"12x\"}"), "OTLP/JSON: \"timeUnixNano\" must be an integer");
        assertRefused(gauge("{\"timeUnixNano\":\"99999999999999999999\"}"),
                "OTLP/JSON: \"timeUnixNano\" must be an integer of at most 64 bits");
        assertRefused(gauge("{\"asInt\":\"9223372036854775808\"}"), "OTLP/JSON: \"asInt\" must be a 64-bit signed integer");
        assertRefused(gauge("{\"asDouble\":\"lots\"}"), "OTLP/JSON: \"asDouble\" must be a number");
        assertRefused(gauge("{\"flags\":true}"), "OTLP/JSON: \"flags\" must be an integer");
        assertRefused("{\"resourceMetrics\":[{\"scopeMetrics\":[{\"metrics\":[{\"name\":\"x\",\"sum\":"
                + "{\"aggregationTemporality\":\"SIDEWAYS\"}}]}]}]}", "OTLP/JSON: \"aggregationTemporality\" must be 1 (delta)");
    }

    @Test
    void deeplyNestedAttributeValuesAreRefused() {
        String value = "{\"stringValue\":\"x\"}";
        for (int i = 0; i < 40; i++) {
            value = "{\"arrayValue\":{\"values\":[" + value + "]}}";
        }
        assertRefused(gauge("{\"asDouble\":1,\"attributes\":[{\"key\":\"k\",\"value\":" + value + "}]}"),
                "OTLP/JSON: nested deeper than 32 messages");
    }

    @Test
    void moderatelyNestedAttributeIsRefusedAsALabelButTheRequestIsRead() {
        String value = "{\"stringValue\":\"x\"}";
        for (int i = 0; i < 10; i++) {
            value = "{\"arrayValue\":{\"values\":[" + value + "]}}";
        }
        RecordingSink sink = parse(gauge("{\"asDouble\":1,\"attributes\":[{\"key\":\"k\",\"value\":" + value + "}]},"
                + "{\"asDouble\":2,\"timeUnixNano\":\"1700000000123000000\"}"));
        assertThat(sink.samples).containsExactly("m{}" + MS + "2.0");
        assertThat(sink.rejections).containsExactly("metric \"m\": " + AttributeLabels.TOO_DEEP);
    }

    @Test
    void responsesAreReadableByOpenTelemetryClasses() throws Exception {
        assertThat(OtlpResponses.exportProtobuf(0, null)).isEmpty();
        ExportMetricsServiceResponse r = ExportMetricsServiceResponse.parseFrom(OtlpResponses.exportProtobuf(3, "bad things"));
        assertThat(r.getPartialSuccess().getRejectedDataPoints()).isEqualTo(3);
        assertThat(r.getPartialSuccess().getErrorMessage()).isEqualTo("bad things");
        assertThat(new String(OtlpResponses.exportJson(3, "x\"y"), StandardCharsets.UTF_8))
                .isEqualTo("{\"partialSuccess\":{\"rejectedDataPoints\":\"3\",\"errorMessage\":\"x\\\"y\"}}");
        assertThat(new String(OtlpResponses.exportJson(0, null), StandardCharsets.UTF_8)).isEqualTo("{}");
        assertThat(OtlpResponses.statusProtobuf(3, "no")).containsExactly(8, 3, 18, 2, 'n', 'o');
    }

    private static String gauge(String points) {
        return "{\"resourceMetrics\":[{\"scopeMetrics\":[{\"metrics\":[{\"name\":\"m\",\"gauge\":{\"dataPoints\":["
                + points + "]}}]}]}]}";
    }

    private static void assertRefused(String json, String messageStart) {
        assertThatThrownBy(() -> parse(json)).isInstanceOf(WireFormatException.class).hasMessageStartingWith(messageStart);
    }
}

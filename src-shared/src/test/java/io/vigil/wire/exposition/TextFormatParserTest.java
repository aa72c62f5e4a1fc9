package io.vigil.wire.exposition;

import static io.vigil.wire.exposition.RecordingSink.text;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The Prometheus text format 0.0.4: lenient, invalid lines reported and skipped. */
class TextFormatParserTest {

    @Test
    void theSpecificationExampleIsReadCompletely() {
        RecordingSink sink = text("""
                # HELP http_requests_total The total number of HTTP requests.
                # TYPE http_requests_total counter
                http_requests_total{method="post",code="200"} 1027 1395066363000
                http_requests_total{method="post",code="400"}    3 1395066363000

                # Escaping in label values:
                msdos_file_access_time_seconds{path="C:\\\\DIR\\\\FILE.TXT",error="Cannot find file:\\n\\"FILE.TXT\\""} 1.458255915e9

                # Minimalistic line:
                metric_without_timestamp_and_labels 12.47

                # A weird metric from before the epoch:
                something_weird{problem="division by zero"} +Inf -3982045

                # A histogram, which has a pretty complex representation in the text format:
                # HELP http_request_duration_seconds A histogram of the request duration.
                # TYPE http_request_duration_seconds histogram
                http_request_duration_seconds_bucket{le="0.05"} 24054
                http_request_duration_seconds_bucket{le="0.1"} 33444
                http_request_duration_seconds_bucket{le="+Inf"} 144320
                http_request_duration_seconds_sum 53423
                http_request_duration_seconds_count 144320

                # Finally a summary, which has a complex representation, too:
                # HELP rpc_duration_seconds A summary of the RPC duration in seconds.
                # TYPE rpc_duration_seconds summary
                rpc_duration_seconds{quantile="0.01"} 3102
                rpc_duration_seconds{quantile="0.99"} 76656
                rpc_duration_seconds_sum 1.7560473e+07
                rpc_duration_seconds_count 2693
                """);
        assertThat(sink.rejected).isEmpty();
        assertThat(sink.samples).containsExactly(
                "http_requests_total{code=\"200\",method=\"post\"} 1027.0 @1395066363000",
                "http_requests_total{code=\"400\",method=\"post\"} 3.0 @1395066363000",
                "msdos_file_access_time_seconds{error=\"Cannot find file:\n\\\"FILE.TXT\\\"\",path=\"C:\\\\DIR\\\\FILE.TXT\"} 1.458255915E9",
                "metric_without_timestamp_and_labels{} 12.47",
                "something_weird{problem=\"division by zero\"} Infinity @-3982045",
                "http_request_duration_seconds_bucket{le=\"0.05\"} 24054.0",
                "http_request_duration_seconds_bucket{le=\"0.1\"} 33444.0",
                "http_request_duration_seconds_bucket{le=\"+Inf\"} 144320.0",
                "http_request_duration_seconds_sum{} 53423.0",
                "http_request_duration_seconds_count{} 144320.0",
                "rpc_duration_seconds{quantile=\"0.01\"} 3102.0",
                "rpc_duration_seconds{quantile=\"0.99\"} 76656.0",
                "rpc_duration_seconds_sum{} 1.7560473E7",
                "rpc_duration_seconds_count{} 2693.0");
        assertThat(sink.families).containsExactly(
                "http_requests_total COUNTER help=The total number of HTTP requests.",
                "msdos_file_access_time_seconds UNKNOWN",
                "metric_without_timestamp_and_labels UNKNOWN",
                "something_weird UNKNOWN",
                "http_request_duration_seconds HISTOGRAM help=A histogram of the request duration.",
                "rpc_duration_seconds SUMMARY help=A summary of the RPC duration in seconds.");
    }

    @Test
    void everyValueFormIsRead() {
        RecordingSink sink = text("""
                v{f="a"} 0
                v{f="b"} -0.5
                v{f="c"} +12
                v{f="d"} 1e3
                v{f="e"} 1.5E-05
                v{f="f"} .25
                v{f="g"} 7.
                v{f="h"} NaN
                v{f="i"} +Inf
                v{f="j"} -Inf
                v{f="k"} inf
                v{f="l"} 1.5838723477166057e+09
                v{f="m"} 0.30000000000000004
                v{f="n"} 123456789012345678901234567890
                v{f="o"} 1e-400
                v{f="p"} 1e400
                v{f="q"} 00042
                """);
        assertThat(sink.rejected).isEmpty();
        assertThat(sink.values).containsExactly(0.0, -0.5, 12.0, 1000.0, 1.5e-5, 0.25, 7.0, Double.NaN,
                Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, 1.5838723477166057e9,
                0.30000000000000004, 1.2345678901234568e29, 0.0, Double.POSITIVE_INFINITY, 42.0);
    }

    @Test
    void invalidLinesAreNamedAndTheRestIsKept() {
        RecordingSink sink = text("""
                good 1
                bad value
                bad{a="1" 2
                bad{a=1} 2
                bad{a="x\\q"} 2
                bad{a="1",a="2"} 3
                bad 1 notatime
                bad 1 2 3
                0bad 1
                # TYPE hist histogram
                hist_bucket{x="1"} 4
                hist_bucket{le="abc"} 4
                hist_bucket{le="1"} 5
                # TYPE hist gauge
                # TYPE fresh flux
                also_good{a="b",} 2 1000
                """);
        assertThat(sink.samples).containsExactly("good{} 1.0", "hist_bucket{le=\"1\"} 5.0", "also_good{a=\"b\"} 2.0 @1000");
        assertThat(sink.rejected).containsExactly(
                "line 2: metric bad has an invalid value \"value\"",
                "line 3: expected ',' or '}' in the label set, found '2'",
                "line 4: expected '\"' to start the value of label \"a\"",
                "line 5: invalid escape sequence '\\q' (only \\\\, \\\" and \\n)",
                "line 6: label a appears twice in a sample of bad",
                "line 7: metric bad has an invalid timestamp \"notatime\" (milliseconds since the epoch)",
                "line 8: unexpected text \"3\" after the timestamp of bad",
                "line 9: expected a metric name, found '0'",
                "line 11: histogram bucket hist_bucket has no \"le\" label",
                "line 12: histogram bucket hist_bucket has a le label that is not a number: \"abc\"",
                "line 14: TYPE line for hist after its samples",
                "line 15: unknown type \"flux\" for fresh (counter, gauge, histogram, summary, untyped)");
    }

    @Test
    void blanksTabsCrlfAndAMissingFinalNewlineAreAccepted() {
        RecordingSink sink = text("# TYPE a gauge\r\n\r\n  a { x = \"1\" , y=\"2\" }\t 3 \t 5000 \r\n\t\n#just a comment\r\nb 4");
        assertThat(sink.rejected).isEmpty();
        assertThat(sink.samples).containsExactly("a{x=\"1\",y=\"2\"} 3.0 @5000", "b{} 4.0");
    }

    @Test
    void quotedUtf8NamesAreReadInsideTheBraces() {
        RecordingSink sink = text("""
                # TYPE "my.metric" gauge
                {"my.metric", a="b"} 1
                {"my.metric","label.with.dots"="v",a="c"} 2
                {a="d", "my.metric"} 3
                {"name with \\"quotes\\" ü"} 4
                {"my.metric","other"} 5
                {a="x"} 6
                {"my.metric", ""="v"} 7
                {""} 8
                """);
        assertThat(sink.samples).containsExactly("my.metric{a=\"b\"} 1.0", "my.metric{a=\"c\",label.with.dots=\"v\"} 2.0",
                "my.metric{a=\"d\"} 3.0", "name with \"quotes\" ü{} 4.0");
        assertThat(sink.families.get(0)).isEqualTo("my.metric GAUGE");
        assertThat(sink.rejected).containsExactly(
                "line 6: a quoted name without '=' is a metric name, and there is already one",
                "line 7: the sample has no metric name", "line 8: a quoted name is empty", "line 9: a quoted name is empty");
    }

    @Test
    void emptyLabelValuesAreDroppedAsPrometheusDoes() {
        assertThat(text("x{a=\"\",b=\"1\"} 1\n").samples).containsExactly("x{b=\"1\"} 1.0");
    }

    @Test
    void summariesNeedAQuantileAndDuplicateMetadataIsRefused() {
        RecordingSink sink = text("""
                # TYPE s summary
                # HELP s first
                # HELP s second
                s 1
                s_sum 2
                s{quantile="x"} 3
                s{quantile="0.5"} 4
                """);
        assertThat(sink.samples).containsExactly("s_sum{} 2.0", "s{quantile=\"0.5\"} 4.0");
        assertThat(sink.rejected).containsExactly("line 3: second HELP line for s", "line 4: summary quantile s has no \"quantile\" label",
                "line 6: summary quantile s has a quantile label that is not a number: \"x\"");
    }

    @Test
    void createdSamplesAndEofAreOrdinaryInTheTextFormat() {
        RecordingSink sink = text("# TYPE c counter\nc 5\n# TYPE c_created gauge\nc_created 1.7e9\n# EOF\n");
        assertThat(sink.rejected).isEmpty();
        assertThat(sink.samples).containsExactly("c{} 5.0", "c_created{} 1.7E9");
    }

    @Test
    void hostileInputIsRefusedLineByLine() {
        String manyLabels = "x{" + "a".repeat(0) + java.util.stream.IntStream.range(0, 100).mapToObj(i -> "l" + i + "=\"v\"")
                .collect(java.util.stream.Collectors.joining(",")) + "} 1\n";
        RecordingSink sink = text(manyLabels + "y{a=\"\u0000\"} 1\n" + "z{a=\"" + "v".repeat(100_000) + "\"} 2\n"
                + "{\"unterminated\n" + "w{a=\"1\"}1\n" + "#\n" + "\u0000\n" + "x{a=\"\\");
        assertThat(sink.rejected).containsExactly("line 1: more than 64 labels", "line 4: unterminated quoted string",
                "line 5: expected a space after the metric name and labels of w", "line 7: expected a metric name, found '\\x00'",
                "line 8: unterminated quoted string");
        // NUL and very long values are syntactically fine; SeriesRules refuses them in the pipeline.
        assertThat(sink.series).extracting(l -> l.metricName()).containsExactly("y", "z");
    }

    @Test
    void invalidUtf8IsRefused() {
        byte[] body = "a{x=\"\u00ff\"} 1\nb{x=\"ok\"} 2\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        RecordingSink sink = new RecordingSink();
        ExpositionParser.parse(body, 0, body.length, RecordingSink.NOW, ExpositionFormat.PROMETHEUS_TEXT, sink);
        assertThat(sink.rejected).containsExactly("line 1: invalid UTF-8 in a quoted string");
        assertThat(sink.samples).containsExactly("b{x=\"ok\"} 2.0");
    }

    @Test
    void contentTypesChooseTheFormat() {
        assertThat(ExpositionFormat.fromContentType("text/plain; version=0.0.4; charset=utf-8")).isEqualTo(ExpositionFormat.PROMETHEUS_TEXT);
        assertThat(ExpositionFormat.fromContentType(null)).isEqualTo(ExpositionFormat.PROMETHEUS_TEXT);
        assertThat(ExpositionFormat.fromContentType("Application/OpenMetrics-Text; version=1.0.0; charset=utf-8"))
                .isEqualTo(ExpositionFormat.OPENMETRICS);
        assertThat(ExpositionFormat.fromContentType(
                "application/vnd.google.protobuf; proto=io.prometheus.client.MetricFamily; encoding=delimited")).isNull();
    }
}

package io.vigil.wire.exposition;

import static io.vigil.wire.exposition.RecordingSink.openMetrics;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.wire.WireFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** OpenMetrics 1.0 text: strict, the first error fails the whole exposition. */
class OpenMetricsParserTest {

    @Test
    void theSpecificationExampleIsRead() {
        RecordingSink sink = openMetrics("""
                # TYPE acme_http_router_request_seconds summary
                # UNIT acme_http_router_request_seconds seconds
                # HELP acme_http_router_request_seconds Latency though all of ACME's HTTP request router.
                acme_http_router_request_seconds_sum{path="/api/v1",method="GET"} 9036.32
                acme_http_router_request_seconds_count{path="/api/v1",method="GET"} 807283.0
                acme_http_router_request_seconds_created{path="/api/v1",method="GET"} 1605281325.0
                # TYPE go_goroutines gauge
                # HELP go_goroutines Number of goroutines that currently exist.
                go_goroutines 69
                # TYPE process_cpu_seconds counter
                # UNIT process_cpu_seconds seconds
                # HELP process_cpu_seconds Total user and system CPU time spent in seconds.
                process_cpu_seconds_total 4.20072246e+06
                # EOF
                """);
        assertThat(sink.samples).containsExactly(
                "acme_http_router_request_seconds_sum{method=\"GET\",path=\"/api/v1\"} 9036.32",
                "acme_http_router_request_seconds_count{method=\"GET\",path=\"/api/v1\"} 807283.0",
                "go_goroutines{} 69.0",
                "process_cpu_seconds_total{} 4200722.46");
        assertThat(sink.families).containsExactly(
                "acme_http_router_request_seconds SUMMARY help=Latency though all of ACME's HTTP request router. unit=seconds",
                "go_goroutines GAUGE help=Number of goroutines that currently exist.",
                "process_cpu_seconds COUNTER help=Total user and system CPU time spent in seconds. unit=seconds");
    }

    @Test
    void everyTypeWithItsSuffixesTimestampsInSecondsAndExemplarsSkipped() {
        RecordingSink sink = openMetrics("""
                # TYPE foo counter
                foo_total 17.0 1520879607.789 # {trace_id="KOO5S4vxi0o"} 0.67 1520879606.1
                foo_created 1520430000.123 1520879607.789
                # TYPE h histogram
                h_bucket{le="0.5"} 1 # {id="a"} 0.4
                h_bucket{le="+Inf"} 2
                h_count 2
                h_sum 1.5
                h_created 1520430000
                # TYPE gh gaugehistogram
                gh_bucket{le="+Inf"} 3
                gh_gcount 3
                gh_gsum 6
                # TYPE i info
                i_info{version="8.2.7"} 1
                # TYPE ss stateset
                ss{ss="a"} 1
                ss{ss="b"} 0
                # TYPE u unknown
                u 1 -1.5
                # TYPE s summary
                s{quantile="0.5"} NaN
                # EOF""");
        assertThat(sink.samples).containsExactly(
                "foo_total{} 17.0 @1520879607789",
                "h_bucket{le=\"0.5\"} 1.0", "h_bucket{le=\"+Inf\"} 2.0", "h_count{} 2.0", "h_sum{} 1.5",
                "gh_bucket{le=\"+Inf\"} 3.0", "gh_gcount{} 3.0", "gh_gsum{} 6.0",
                "i_info{version=\"8.2.7\"} 1.0",
                "ss{ss=\"a\"} 1.0", "ss{ss=\"b\"} 0.0",
                "u{} 1.0 @-1500",
                "s{quantile=\"0.5\"} NaN");
        assertThat(sink.families).extracting(f -> f.split(" ")[1]).containsExactly("COUNTER", "HISTOGRAM", "GAUGE_HISTOGRAM",
                "INFO", "STATESET", "UNKNOWN", "SUMMARY");
    }

    @Test
    void escapesInLabelValuesAndHelp() {
        RecordingSink sink = openMetrics("""
                # HELP m Some text and \\n some \\" escaping \\\\ and \\q
                m{a="x",b="escaping\\" example \\n ",c="back\\\\slash",d="kept\\q"} 0
                # EOF
                """);
        assertThat(sink.families).containsExactly("m UNKNOWN help=Some text and \n some \" escaping \\ and \\q");
        assertThat(sink.series.get(0).get("b")).isEqualTo("escaping\" example \n ");
        assertThat(sink.series.get(0).get("c")).isEqualTo("back\\slash");
        assertThat(sink.series.get(0).get("d")).isEqualTo("kept\\q");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            no EOF                  | a 1\\n                                       | no "# EOF" after line 1: the OpenMetrics exposition is incomplete
            empty body              | ''                                          | empty body: an OpenMetrics exposition ends with "# EOF"
            text after EOF          | a 1\\n# EOF\\nb 2\\n                         | line 3: text after "# EOF"
            blank line after EOF    | a 1\\n# EOF\\n\\n                            | line 3: text after "# EOF"
            blank line              | a 1\\n\\nb 2\\n# EOF\\n                      | line 2: empty line (OpenMetrics allows none)
            CRLF                    | a 1\\r\\n# EOF\\n                            | line 1: carriage return at the end of the line (OpenMetrics lines end with \\n alone)
            two spaces              | a  1\\n# EOF\\n                              | line 1: metric a has an invalid value ""
            tab                     | a\\t1\\n# EOF\\n                             | line 1: expected a space after the metric name and labels of a
            comment                 | # hello\\na 1\\n# EOF\\n                     | line 1: unknown line "# hello" (OpenMetrics allows only HELP, TYPE, UNIT and EOF)
            counter without _total  | # TYPE c counter\\nc 1\\n# EOF\\n            | line 2: sample c does not fit its counter family (sample names: c_total, c_created)
            interleaved             | a 1\\nb 1\\na 2\\n# EOF\\n                   | line 3: metric family a appeared above already (families must not be interleaved)
            TYPE after samples      | a 1\\n# TYPE a gauge\\n# EOF\\n              | line 2: TYPE line for a after its samples
            second TYPE             | # TYPE a gauge\\n# TYPE a counter\\n# EOF\\n | line 2: second TYPE line for a
            untyped in OpenMetrics  | # TYPE a untyped\\n# EOF\\n                  | line 1: unknown type "untyped" for a (counter, gauge, histogram, gaugehistogram, summary, info, stateset, unknown)
            unit not a suffix       | # TYPE foo counter\\n# UNIT foo seconds\\n# EOF\\n | line 2: the family name foo must end with "_seconds" to have that UNIT
            unit on info            | # TYPE x_seconds info\\n# UNIT x_seconds seconds\\n# EOF\\n | line 2: info family x_seconds must not have a UNIT
            info not 1              | # TYPE i info\\ni_info 2\\n# EOF\\n          | line 2: info sample i_info must have the value 1
            stateset without label  | # TYPE s stateset\\ns{a="x"} 1\\n# EOF\\n    | line 2: stateset sample s has no label named after its family
            stateset not boolean    | # TYPE s stateset\\ns{s="x"} 2\\n# EOF\\n    | line 2: stateset sample s must be 0 or 1
            quantile out of range   | # TYPE s summary\\ns{quantile="1.5"} 2\\n# EOF\\n | line 2: summary quantile s has a quantile outside [0, 1]: 1.5
            bucket without le       | # TYPE h histogram\\nh_bucket 2\\n# EOF\\n   | line 2: histogram bucket h_bucket has no "le" label
            trailing comma          | a{b="1",} 1\\n# EOF\\n                       | line 1: a trailing ',' before '}' is not allowed in OpenMetrics
            millisecond timestamp   | a 1 1520879607789x\\n# EOF\\n                | line 1: metric a has an invalid timestamp "1520879607789x" (OpenMetrics: seconds since the epoch)
            bad exemplar            | a_total 1 # {x="y"}\\n# EOF\\n              | line 1: exemplar of a_total has no value
            trailing space          | a 1 \\n# EOF\\n                              | line 1: trailing space after the sample of a
            """)
    void everyViolationFailsTheWholeExposition(String what, String body, String message) {
        String unescaped = body.replace("\\n", "\n").replace("\\r", "\r").replace("\\t", "\t");
        assertThatThrownBy(() -> openMetrics(unescaped)).isInstanceOf(WireFormatException.class).hasMessage(message.replace("\\n", "\\n"));
    }

    @Test
    void createdSamplesAreDroppedAndAnEmptyExpositionIsValid() {
        assertThat(openMetrics("# EOF\n").samples).isEmpty();
        assertThat(openMetrics("# TYPE c counter\nc_created 1.6e9\nc_total 3\n# EOF").samples).containsExactly("c_total{} 3.0");
    }
}

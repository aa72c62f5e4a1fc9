package io.vigil.wire.influx;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.wire.LabelBuffer;
import io.vigil.wire.SampleSink;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What valid line protocol becomes: names, labels, values and times. */
class InfluxLineParserTest {
    private static RecordingSink parse(String body) {
        return RecordingSink.parse(body, Precision.NANOSECONDS);
    }

    @Test
    void eachNumericFieldIsASampleNamedMeasurementUnderscoreField() {
        RecordingSink sink = parse("cpu,host=a,cpu=cpu0 usage_user=0.5,usage_system=0.25 1700000000123456789\n");
        assertThat(sink.samples).containsExactly(
                "cpu_usage_user{cpu=\"cpu0\",host=\"a\"} 1700000000123 0.5",
                "cpu_usage_system{cpu=\"cpu0\",host=\"a\"} 1700000000123 0.25");
        assertThat(sink.result).isEqualTo(new InfluxParseResult(1, 2, 0, 0, false));
    }

    @Test
    void specExamples() {
        RecordingSink sink = parse("""
                weather,location=us-midwest temperature=82 1465839830100400200
                myMeasurement,tag1=value1,tag2=value2 fieldKey="fieldValue" 1556813561098000000
                home,room=Kitchen temp=22.7,hum=36.2,co=22i 1641067200000000000
                """);
        assertThat(sink.samples).containsExactly(
                "weather_temperature{location=\"us-midwest\"} 1465839830100 82.0",
                "home_temp{room=\"Kitchen\"} 1641067200000 22.7",
                "home_hum{room=\"Kitchen\"} 1641067200000 36.2",
                "home_co{room=\"Kitchen\"} 1641067200000 22.0");
        assertThat(sink.result.stringFields()).isEqualTo(1);
        assertThat(sink.rejections).isEmpty();
    }

    @Test
    void stringFieldsAreSkippedAndCountedTheOtherFieldsKept() {
        RecordingSink sink = parse("m,t=x s=\"a, b=c \\\"quoted\\\" \\\\\",v=2,e=\"\" 1000000\n");
        assertThat(sink.samples).containsExactly("m_v{t=\"x\"} 1 2.0");
        assertThat(sink.result.stringFields()).isEqualTo(2);
        assertThat(sink.result.rejectedLines()).isZero();
    }

    @Test
    void escapesInEveryElement() {
        RecordingSink sink = parse(String.join("\n",
                "my\\ Measurement,tag\\ Key=tag\\ Value,k\\,2=v\\,2,k\\=3=v\\=3 field\\ Key=1",
                "m,path=C:\\\\dir\\\\file,lit=a\\b f=1",
                "m\\,x,t=a f\\=x=2",
                "m,t=a\\\\ f=3"));
        assertThat(sink.rejections).isEmpty();
        assertThat(sink.samples).containsExactly(
                "my_Measurement_field_Key{k_2=\"v,2\",k_3=\"v=3\",tag_Key=\"tag Value\"} 42000 1.0",
                "m_f{lit=\"a\\b\",path=\"C:\\dir\\file\"} 42000 1.0",
                "m_x_f_x{t=\"a\"} 42000 2.0",
                "m_f{t=\"a\\\"} 42000 3.0");
    }

    @Test
    void namesAreSanitizedAsTelegrafsPrometheusOutputDoes() {
        RecordingSink sink = parse("disk-io,dev-name=sda1,1zone=eu,host=🍭 read.bytes=1,µs=2,ns:x=3\n"
                + "1m f=4\n");
        assertThat(sink.samples).containsExactly(
                "disk_io_read.bytes{_1zone=\"eu\",dev_name=\"sda1\",host=\"🍭\"} 42000 1.0",
                "disk_io__s{_1zone=\"eu\",dev_name=\"sda1\",host=\"🍭\"} 42000 2.0",
                "disk_io_ns:x{_1zone=\"eu\",dev_name=\"sda1\",host=\"🍭\"} 42000 3.0",
                "_1m_f{} 42000 4.0");
    }

    @Test
    void everyValueType() {
        RecordingSink sink = parse("m a=1i,b=-9223372036854775808i,c=18446744073709551615u,d=0u,e=t,f=T,g=true,h=True,"
                + "i=TRUE,j=f,k=F,l=false,n=False,o=FALSE,p=-1.5e3,q=.5,r=1.,s=6.02E+23,u=-0,v=1e-3,w=9223372036854775807i\n");
        assertThat(sink.rejections).isEmpty();
        assertThat(sink.samples).extracting(s -> s.substring(0, s.indexOf('{')) + "=" + s.substring(s.lastIndexOf(' ') + 1))
                .containsExactly("m_a=1.0", "m_b=-9.223372036854776E18", "m_c=1.8446744073709552E19", "m_d=0.0",
                        "m_e=1.0", "m_f=1.0", "m_g=1.0", "m_h=1.0", "m_i=1.0",
                        "m_j=0.0", "m_k=0.0", "m_l=0.0", "m_n=0.0", "m_o=0.0",
                        "m_p=-1500.0", "m_q=0.5", "m_r=1.0", "m_s=6.02E23", "m_u=-0.0", "m_v=0.001",
                        "m_w=9.223372036854776E18");
    }

    @Test
    void commentsBlankLinesCrlfAndSurroundingWhitespaceAreIgnored() {
        RecordingSink sink = RecordingSink.parse("# a comment, with = and \"\r\n\r\n   \t\n  m f=1 1000  \r\n\nm f=2\r\n#last",
                Precision.MILLISECONDS);
        assertThat(sink.samples).containsExactly("m_f{} 1000 1.0", "m_f{} 42000 2.0");
        assertThat(sink.result).isEqualTo(new InfluxParseResult(2, 2, 0, 0, false));
    }

    @Test
    void aLineWithoutTimestampGetsTheRequestTime() {
        RecordingSink sink = parse("m,t=a f=1\nm,t=a g=2 \n");
        assertThat(sink.samples).containsExactly("m_f{t=\"a\"} 42000 1.0", "m_g{t=\"a\"} 42000 2.0");
    }

    @Test
    void timestampsInEveryPrecisionBecomeMilliseconds() {
        assertThat(RecordingSink.parse("m f=1 1700000000123456789", Precision.NANOSECONDS).samples)
                .containsExactly("m_f{} 1700000000123 1.0");
        assertThat(RecordingSink.parse("m f=1 1700000000123456", Precision.MICROSECONDS).samples)
                .containsExactly("m_f{} 1700000000123 1.0");
        assertThat(RecordingSink.parse("m f=1 1700000000123", Precision.MILLISECONDS).samples)
                .containsExactly("m_f{} 1700000000123 1.0");
        assertThat(RecordingSink.parse("m f=1 1700000000", Precision.SECONDS).samples)
                .containsExactly("m_f{} 1700000000000 1.0");
        assertThat(RecordingSink.parse("m f=1 28333333", Precision.MINUTES).samples)
                .containsExactly("m_f{} 1699999980000 1.0");
        assertThat(RecordingSink.parse("m f=1 472222", Precision.HOURS).samples)
                .containsExactly("m_f{} 1699999200000 1.0");
        // Before the epoch, finer units are floored: -1 ns lies in the millisecond -1.
        assertThat(RecordingSink.parse("m f=1 -1", Precision.NANOSECONDS).samples).containsExactly("m_f{} -1 1.0");
        assertThat(RecordingSink.parse("m f=1 -9223372036854775808", Precision.NANOSECONDS).samples)
                .containsExactly("m_f{} -9223372036855 1.0");
    }

    @Test
    void theSinkMayRefuseASeriesAndTheOthersStillArrive() {
        List<String> got = new ArrayList<>();
        SampleSink picky = new SampleSink() {
            private String name;

            @Override
            public boolean beginSeries(LabelBuffer labels) {
                name = labels.name();
                return !name.equals("m_bad");
            }

            @Override
            public void sample(long t, double v) {
                got.add(name + "=" + v);
            }

            @Override
            public void reject(String reason) {
                got.add("rejected " + reason);
            }
        };
        byte[] body = "m good=1,bad=2,also=3".getBytes(StandardCharsets.UTF_8);
        InfluxParseResult r = InfluxLineParser.parse(body, 0, body.length, 0, Precision.MILLISECONDS, picky);
        assertThat(got).containsExactly("m_good=1.0", "m_also=3.0");
        assertThat(r.samples()).isEqualTo(3);
    }

    @Test
    void stopsAfterMaxSamples() {
        RecordingSink sink = new RecordingSink();
        byte[] body = "m a=1,b=2\nm c=3\nm d=4\n".getBytes(StandardCharsets.UTF_8);
        InfluxParseResult r = InfluxLineParser.parse(body, 0, body.length, 0, Precision.MILLISECONDS, sink, 3);
        assertThat(sink.samples).hasSize(3);
        assertThat(r.stopped()).isTrue();
        RecordingSink all = new RecordingSink();
        assertThat(InfluxLineParser.parse(body, 0, body.length, 0, Precision.MILLISECONDS, all, 4).stopped()).isFalse();
    }

    @Test
    void parsesOnlyTheGivenRange() {
        RecordingSink sink = new RecordingSink();
        byte[] body = "garbage\nm f=1 5\ngarbage".getBytes(StandardCharsets.UTF_8);
        InfluxLineParser.parse(body, 8, 7, 0, Precision.MILLISECONDS, sink);
        assertThat(sink.samples).containsExactly("m_f{} 5 1.0");
        assertThat(sink.rejections).isEmpty();
    }
}

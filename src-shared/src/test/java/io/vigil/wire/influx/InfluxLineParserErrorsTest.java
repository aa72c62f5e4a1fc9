package io.vigil.wire.influx;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Malformed, truncated and oversized lines: each is refused with its line number and a reason a
 * sender can act on, and the valid lines around it are kept.
 */
class InfluxLineParserErrorsTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            no_fields                             | no field set
            m,t=1                                 | no field set
            ,t=a f=1                              | no measurement before the tag set
            m f=                                  | field "f" has no value
            m f=,g=1                              | field "f" has no value
            m f                                   | field "f" has no '=value'
            m f=1,                                | empty field key (a comma too many in the field set?)
            m =1                                  | empty field key
            m f=abc                               | field "f" value "abc" is not a number, boolean, integer (12i), unsigned (12u) or string
            m f=NaN                               | field "f" value "NaN" is not a number
            m f=Inf                               | field "f" value "Inf" is not a number
            m f=--1                               | field "f" value "--1" is not a number
            m f=1.2.3                             | field "f" value "1.2.3" is not a number
            m f=1e                                | field "f" value "1e" is not a number: the exponent has no digits
            m f=1e400                             | field "f" value "1e400" is out of the float64 range
            m f=1.5i                              | field "f" value "1.5i" is not an integer
            m f=i                                 | field "f" value "i" is not an integer
            m f=9223372036854775808i              | field "f" value "9223372036854775808i" is out of the int64 range
            m f=-9223372036854775809i             | field "f" value "-9223372036854775809i" is out of the int64 range
            m f=-1u                               | field "f" value "-1u" is not an unsigned integer
            m f=18446744073709551616u             | field "f" value "18446744073709551616u" is out of the uint64 range
            m f=tru                               | field "f" value "tru" is not a number
            `m f="abc`                            | field "f" has an unterminated string (strings cannot span lines)
            `m f="abc\\"`                         | field "f" has an unterminated string
            `m f="x"y`                            | field "f": text after the closing quote of its string
            m f=1 12a                             | invalid timestamp "12a" (expected an integer)
            m f=1 -                               | invalid timestamp "-" (expected an integer)
            m f=1 1 2                             | invalid timestamp "1 2" (expected an integer)
            m f=1 99999999999999999999            | timestamp "99999999999999999999" is out of the int64 range
            m,t= f=1                              | tag "t" has an empty value (omit the tag instead)
            m,=v f=1                              | empty tag key
            m,,t=v f=1                            | empty tag (a comma too many in the tag set?)
            m,t f=1                               | tag "t" has no '=value'
            m,t=a=b f=1                           | tag "t" has an unescaped '=' in its value (write \\=)
            m,t=a,t=b f=1                         | tag "t" appears twice
            m,a-b=1,a_b=2 f=1                     | tag "a_b" appears twice
            """)
    void badLineIsRefusedWithItsReasonAndNeighboursKept(String line, String reason) {
        RecordingSink sink = RecordingSink.parse("ok v=1\n" + line + "\nok v=2\n", Precision.NANOSECONDS);
        assertThat(sink.rejections).singleElement().asString().startsWith("line 2: " + reason);
        assertThat(sink.samples).containsExactly("ok_v{} 42000 1.0", "ok_v{} 42000 2.0");
        assertThat(sink.result.rejectedLines()).isEqualTo(1);
        assertThat(sink.result.lines()).isEqualTo(3);
    }

    @Test
    void aRefusedLineLeavesNoneOfItsFieldsBehind() {
        RecordingSink sink = RecordingSink.parse("m a=1,b=2,c=x 5\n", Precision.NANOSECONDS);
        assertThat(sink.samples).isEmpty();
        assertThat(sink.rejections).containsExactly("line 1: field \"c\" value \"x\" is not a number, boolean, integer "
                + "(12i), unsigned (12u) or string (\"…\")");
    }

    @Test
    void coarseTimestampsThatOverflowMillisecondsAreRefused() {
        RecordingSink sink = RecordingSink.parse("m f=1 9223372036854775807", Precision.SECONDS);
        assertThat(sink.rejections).containsExactly(
                "line 1: timestamp \"9223372036854775807\" is out of range at precision seconds");
    }

    @Test
    void lineNumbersCountBlankLinesAndComments() {
        RecordingSink sink = RecordingSink.parse("# header\n\nm f=1\r\nbad\r\n\n  \nm,x f=1\n", Precision.NANOSECONDS);
        assertThat(sink.rejections).containsExactly("line 4: no field set (a point needs at least one field, e.g. \"value=1\")",
                "line 7: tag \"x\" has no '=value'");
    }

    @Test
    void oversizedElementsAreRefusedLineByLine() {
        StringBuilder manyTags = new StringBuilder("m");
        for (int i = 0; i <= LineReader.MAX_TAGS; i++) {
            manyTags.append(",t").append(i).append("=v");
        }
        String body = manyTags + " f=1\n"
                + "m,t=" + "v".repeat(LineReader.MAX_TAG_SET_BYTES) + " f=1\n"
                + "m".repeat(300) + " f=1\n"
                + "m,t=" + "v".repeat(1000) + " f=1\n";
        RecordingSink sink = RecordingSink.parse(body, Precision.NANOSECONDS);
        assertThat(sink.rejections).containsExactly("line 1: more than 64 tags",
                "line 2: tag set is longer than 16384 bytes", "line 3: measurement is longer than 256 characters");
        assertThat(sink.samples).hasSize(1);
    }

    @Test
    void reasonsQuoteAtMost64BytesOfTheOffendingText() {
        RecordingSink sink = RecordingSink.parse("m f=" + "x".repeat(10_000), Precision.NANOSECONDS);
        assertThat(sink.rejections).singleElement().asString()
                .isEqualTo("line 1: field \"f\" value \"" + "x".repeat(64) + "...\" is not a number, boolean, integer (12i), "
                        + "unsigned (12u) or string (\"…\")");
    }

    @Test
    void beyondAThousandRefusalsTheReasonsAreNoLongerSpelledOut() {
        RecordingSink sink = RecordingSink.parse("bad\n".repeat(1_005), Precision.NANOSECONDS);
        assertThat(sink.rejections).hasSize(1_005);
        assertThat(sink.rejections.get(999)).startsWith("line 1000: no field set");
        assertThat(sink.rejections.get(1000)).isEqualTo("line 1001 refused (reasons after the first 1000 omitted)");
        assertThat(sink.result.rejectedLines()).isEqualTo(1_005);
    }

    @Test
    void binaryGarbageIsRefusedNotThrown() {
        byte[] body = new byte[4096];
        new java.util.Random(7).nextBytes(body);
        RecordingSink sink = new RecordingSink();
        InfluxParseResult r = InfluxLineParser.parse(body, 0, body.length, 0, Precision.NANOSECONDS, sink);
        assertThat(r.rejectedLines()).isEqualTo(sink.rejections.size()).isPositive();
        assertThat(sink.rejections).allMatch(reason -> reason.startsWith("line "));
        assertThat(r.samples()).isEqualTo(sink.samples.size());
    }
}

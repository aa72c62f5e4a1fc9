package io.vigil.ingest.gateway.influx;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.wire.LabelBuffer;
import io.vigil.wire.SampleSink;
import io.vigil.wire.influx.InfluxLineParser;
import io.vigil.wire.influx.Precision;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DatabaseLabelTest {
    private static List<String> parse(SampleSink wrapped, List<String> series, String body) {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        InfluxLineParser.parse(b, 0, b.length, 0, Precision.MILLISECONDS, wrapped);
        return series;
    }

    private static SampleSink recorder(List<String> out) {
        return new SampleSink() {
            @Override
            public boolean beginSeries(LabelBuffer labels) {
                labels.sort();
                out.add(labels.toLabels().toString());
                return true;
            }

            @Override
            public void sample(long t, double v) {
            }

            @Override
            public void reject(String reason) {
                out.add("rejected: " + reason);
            }
        };
    }

    @Test
    void theDatabaseBecomesALabelUnlessTheLineHasThatTag() {
        List<String> series = new ArrayList<>();
        SampleSink sink = DatabaseLabel.wrap(recorder(series), Optional.of("db"), "telegraf");
        parse(sink, series, "cpu,host=a user=1,system=2\ncpu,db=own user=3\n");
        assertThat(series).hasSize(3);
        assertThat(series.get(0)).contains("db=\"telegraf\"").contains("host=\"a\"");
        assertThat(series.get(1)).contains("db=\"telegraf\"").contains("host=\"a\"").contains("cpu_system");
        assertThat(series.get(2)).contains("db=\"own\"").doesNotContain("telegraf");
    }

    @Test
    void nothingIsAddedWithoutALabelNameOrADatabase() {
        SampleSink inner = recorder(new ArrayList<>());
        assertThat(DatabaseLabel.wrap(inner, Optional.empty(), "telegraf")).isSameAs(inner);
        assertThat(DatabaseLabel.wrap(inner, Optional.of("db"), null)).isSameAs(inner);
        assertThat(DatabaseLabel.wrap(inner, Optional.of("db"), "")).isSameAs(inner);
    }
}

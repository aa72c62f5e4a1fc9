package io.vigil.query.promql.datafile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The data-file language: expansion notation, and malformed files rejected with file and line. */
class DataFileTest {
    @TempDir
    Path dir;

    @Test
    void expandsValuesAndSkipsMissingSamples() throws Exception {
        DataFile f = DataFile.read(write("load 1m\n    m{a=\"x\"} 1+2x2 _ stale 5-1x1 7x1 _x2 Inf\n"));
        LoadedSeries s = ((DataFile.Load) f.commands().get(0)).series().get(0);
        assertThat(s.times()).containsExactly(0, 60_000, 120_000, 240_000, 300_000, 360_000, 420_000, 480_000,
                660_000);
        assertThat(s.values()[0]).isEqualTo(1);
        assertThat(s.values()[2]).isEqualTo(5);
        assertThat(io.vigil.query.promql.SeriesData.isStale(s.values()[3])).isTrue();
        assertThat(s.values()[5]).isEqualTo(4);
        assertThat(s.values()[8]).isEqualTo(Double.POSITIVE_INFINITY);
    }

    @Test
    void malformedLinesNameFileAndLine() throws Exception {
        assertThatThrownBy(() -> DataFile.read(write("load 1m\n    m{a=x} 1\n")))
                .hasMessageContaining(":2:").hasMessageContaining("quoted label value");
        assertThatThrownBy(() -> DataFile.read(write("evaluate now x\n"))).hasMessageContaining(":1: unknown command");
        assertThatThrownBy(() -> DataFile.read(write("load 1m\n    m 1 two\n"))).hasMessageContaining("not a number");
        assertThatThrownBy(() -> DataFile.read(write("eval instant at soon x\n"))).hasMessageContaining(":1:");
        assertThatThrownBy(() -> DataFile.read(write("eval_fail instant at 0 x\n    x 1\n")))
                .hasMessageContaining("eval_fail takes only");
    }

    private Path write(String text) throws Exception {
        Path p = dir.resolve("t.test");
        Files.writeString(p, text);
        return p;
    }
}

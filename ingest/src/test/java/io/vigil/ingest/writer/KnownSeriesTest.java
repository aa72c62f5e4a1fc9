package io.vigil.ingest.writer;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.model.Labels;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class KnownSeriesTest {

    @Test
    void remembersEveryIdThroughGrowthIncludingZeroAndNegativeIds() {
        KnownSeries known = new KnownSeries(4);
        Map<Long, Long> expected = new HashMap<>();
        Random random = new Random(42);
        for (int i = 0; i < 100_000; i++) {
            long id = i == 0 ? 0 : random.nextLong();
            known.put(id, id * 31, i);
            expected.put(id, id * 31);
        }
        assertThat(known.size()).isEqualTo(expected.size());
        expected.forEach((id, fp) -> {
            assertThat(known.contains(id)).isTrue();
            assertThat(known.fingerprint(id)).isEqualTo(fp);
        });
        assertThat(known.contains(123456789L)).isFalse();
        assertThat(known.touchedAt(123456789L)).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void overwritingKeepsOneEntry() {
        KnownSeries known = new KnownSeries(16);
        known.put(7, 1, 10);
        known.put(7, 1, 20);
        assertThat(known.size()).isEqualTo(1);
        assertThat(known.touchedAt(7)).isEqualTo(20);
    }

    @Test
    void fingerprintsTellLabelSetsApart() {
        Labels a = Labels.of("m", Map.of("host", "a"));
        Labels b = Labels.of("m", Map.of("host", "b"));
        assertThat(KnownSeries.fingerprint(a.canonicalBytes())).isNotEqualTo(KnownSeries.fingerprint(b.canonicalBytes()));
        assertThat(KnownSeries.fingerprint(a.canonicalBytes())).isEqualTo(KnownSeries.fingerprint(
                Labels.of("m", Map.of("host", "a")).canonicalBytes()));
    }

    @Test
    void catalogueJsonEscapesWhatJsonRequires() {
        Labels labels = Labels.of("m", Map.of("path", "C:\\tmp\\\"x\"", "note", "line1\nline2\t\u0001"));
        assertThat(LabelsJson.of(labels)).isEqualTo("{\"note\":\"line1\\nline2\\t\\u0001\",\"path\":\"C:\\\\tmp\\\\\\\"x\\\"\"}");
    }
}

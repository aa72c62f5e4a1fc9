package io.vigil.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LabelsTest {

    @Test
    void xxHash64MatchesPublishedVectors() {
        // Vectors checked against the reference xxhsum tool.
        assertThat(hash("")).isEqualTo(0xEF46DB3751D8E999L);
        assertThat(hash("abc")).isEqualTo(0x44BC2CF5AD770999L);
        assertThat(hash("Nobody inspects the spammish repetition")).isEqualTo(0xFBCEA83C8A378BF1L);
    }

    @Test
    void seriesIdDoesNotDependOnLabelOrder() {
        Map<String, String> a = new LinkedHashMap<>();
        a.put("host", "i631");
        a.put("env", "prod");
        Map<String, String> b = new LinkedHashMap<>();
        b.put("env", "prod");
        b.put("host", "i631");
        assertThat(Labels.of("cpu.load", a).seriesId()).isEqualTo(Labels.of("cpu.load", b).seriesId());
        assertThat(Labels.of("cpu.load", a)).isEqualTo(Labels.of("cpu.load", b));
    }

    @Test
    void seriesIdSeparatesNamesKeysAndValues() {
        // Without a separator these would all have the same concatenation.
        long one = Labels.of("ab", Map.of("c", "d")).seriesId();
        long two = Labels.of("a", Map.of("bc", "d")).seriesId();
        long three = Labels.of("a", Map.of("b", "cd")).seriesId();
        assertThat(one).isNotEqualTo(two).isNotEqualTo(three);
        assertThat(two).isNotEqualTo(three);
    }

    @Test
    void seriesIdIsStableAcrossReleases() {
        // Ids are stored in the database: changing the canonical form would orphan every series.
        Labels labels = Labels.of("cpu.load", Map.of("host", "i631", "env", "prod"));
        byte[] expected = "cpu.load\u0000env\u0000prod\u0000host\u0000i631".getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < expected.length; i++) {
            if (expected[i] == 0) {
                expected[i] = (byte) 0xFF;
            }
        }
        assertThat(labels.canonicalBytes()).isEqualTo(expected);
        assertThat(labels.seriesId()).isEqualTo(XxHash64.hash(expected, 0, expected.length));
    }

    @Test
    void rendersInPrometheusNotation() {
        Labels labels = Labels.of("cpu.load", Map.of("host", "i\"631", "env", "prod"));
        assertThat(labels.toString()).isEqualTo("cpu.load{env=\"prod\",host=\"i\\\"631\"}");
        assertThat(labels.get("env")).isEqualTo("prod");
        assertThat(labels.get("missing")).isNull();
    }

    @Test
    void refusesUnsortedArrays() {
        assertThatThrownBy(() -> Labels.ofSorted("m", new String[] {"b", "a"}, new String[] {"1", "2"}))
                .hasMessageContaining("not sorted");
    }

    private static long hash(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return XxHash64.hash(b, 0, b.length);
    }
}

package io.vigil.promql.parser;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The valid queries of {@code corpus.promql} (test resources), one per line; "# " lines are comments. */
final class Corpus {
    private Corpus() {
    }

    static List<String> queries() {
        try (InputStream in = Corpus.class.getResourceAsStream("corpus.promql")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return text.lines().filter(l -> !l.isBlank() && !l.startsWith("# ")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

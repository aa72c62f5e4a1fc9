package io.vigil.query.promql;

import io.vigil.query.promql.datafile.DataFileRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every PromQL data file under {@code src/test/resources/promql} against the evaluator, over the
 * in-memory store (the evaluator's unit test; the storage IT runs the same files on TimescaleDB).
 */
class PromqlDataFileTest {
    static final Path DIR = Path.of("src/test/resources/promql");

    static List<Path> files() throws IOException {
        try (Stream<Path> s = Files.list(DIR)) {
            return s.filter(p -> p.toString().endsWith(".test")).sorted().toList();
        }
    }

    @TestFactory
    Stream<DynamicTest> dataFiles() throws IOException {
        return files().stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
            MemorySeriesSource store = new MemorySeriesSource();
            DataFileRunner.Report report = DataFileRunner.run(file, store, store);
            System.out.println("promql data file " + file.getFileName() + ": " + report.cases() + " cases, "
                    + report.failures().size() + " failed");
            report.assertPassed();
        }));
    }
}

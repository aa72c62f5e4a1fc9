package io.vigil.query.storage;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vigil.query.promql.datafile.DataFileRunner;
import io.vigil.testkit.VigilInfra;
import io.vigil.testkit.VigilInfraResource;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every PromQL data file under {@code src/test/resources/promql} through the engine over
 * {@link SqlSeriesSource} on real TimescaleDB: the same expectations the evaluator meets over its
 * in-memory store, now with label matching in SQL, the catalogue's JSON labels and samples read back
 * through JDBC (staleness markers included).
 *
 * <p>The files' timestamps lie near the epoch and their expectations are exact, so every selection is
 * read from raw samples ({@link SqlSeriesSource#withTier}): the tier rule would send a range query with
 * a 1m step to the rollups, whose answers {@link RawVersusRollupIT} compares instead.
 */
@QuarkusTest
@WithTestResource(value = VigilInfraResource.class, initArgs = @ResourceArg(name = "kafka", value = "false"))
class PromqlDataFileIT {
    static final Path DIR = Path.of("src/test/resources/promql");

    @Inject
    SqlSeriesSource source;

    static List<Path> files() throws IOException {
        try (Stream<Path> s = Files.list(DIR)) {
            return s.filter(p -> p.toString().endsWith(".test")).sorted().toList();
        }
    }

    @TestFactory
    Stream<DynamicTest> everyDataFileOnTimescaleDb() throws IOException {
        SqlSeriesSource raw = source.withTier(Tier.RAW);
        return files().stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
            try (Connection c = VigilInfra.timescale().connect()) {
                SqlLoader loader = new SqlLoader(c);
                try {
                    DataFileRunner.Report report = DataFileRunner.run(file, loader, raw);
                    System.out.println("promql data file " + file.getFileName() + " on TimescaleDB: " + report.cases()
                            + " cases, " + report.failures().size() + " failed");
                    report.assertPassed();
                } finally {
                    loader.clear();
                }
            }
        }));
    }
}

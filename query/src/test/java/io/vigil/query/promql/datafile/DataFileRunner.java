package io.vigil.query.promql.datafile;

import io.vigil.query.promql.LabelSet;
import io.vigil.query.promql.PromqlEngine;
import io.vigil.query.promql.QueryException;
import io.vigil.query.promql.QueryLimits;
import io.vigil.query.promql.QueryResult;
import io.vigil.query.promql.QueryValue;
import io.vigil.query.promql.SeriesSource;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a PromQL data file against any {@link SeriesSource}: {@code load} blocks go through the
 * {@link Loader} into the store the source reads, every {@code eval} runs through {@link PromqlEngine}
 * and its result is compared with the expectation. All cases of a file run; the report lists every
 * failure with its line.
 *
 * <pre>{@code
 * DataFileRunner.Report r = DataFileRunner.run(Path.of("src/test/resources/promql/selectors.test"), loader, source);
 * r.assertPassed();
 * }</pre>
 */
public final class DataFileRunner {
    /** Relative tolerance of value comparisons. */
    public static final double TOLERANCE = 1e-9;

    private DataFileRunner() {
    }

    /** The outcome of one file: how many evals ran and what failed. */
    public record Report(Path file, int cases, List<String> failures) {
        public void assertPassed() {
            if (!failures.isEmpty()) {
                throw new AssertionError(file.getFileName() + ": " + failures.size() + " of " + cases
                        + " cases failed:\n" + String.join("\n", failures));
            }
        }
    }

    public static Report run(Path file, Loader loader, SeriesSource source) throws IOException {
        return run(DataFile.read(file), loader, source, QueryLimits.DEFAULT);
    }

    public static Report run(DataFile file, Loader loader, SeriesSource source, QueryLimits limits) {
        PromqlEngine engine = new PromqlEngine(source);
        List<String> failures = new ArrayList<>();
        int cases = 0;
        loader.clear();
        for (DataFile.Command command : file.commands()) {
            switch (command) {
                case DataFile.Load load -> loader.load(load.series());
                case DataFile.Clear c -> loader.clear();
                case DataFile.Eval eval -> {
                    cases++;
                    String failure = check(engine, eval, limits);
                    if (failure != null) {
                        failures.add("line " + eval.line() + " (" + eval.describe() + "): " + failure);
                    }
                }
            }
        }
        return new Report(file.path(), cases, failures);
    }

    private static String check(PromqlEngine engine, DataFile.Eval eval, QueryLimits limits) {
        QueryResult result;
        try {
            result = eval.range() ? engine.range(eval.expr(), eval.time(), eval.end(), eval.step(), limits)
                    : engine.instant(eval.expr(), eval.time(), limits);
        } catch (QueryException e) {
            if (!eval.fail()) {
                return "unexpected error " + e.kind() + ": " + e.getMessage();
            }
            if (eval.failMessage() != null && !eval.failMessage().equals(e.getMessage())) {
                return "expected error \"" + eval.failMessage() + "\", got \"" + e.getMessage() + "\"";
            }
            if (eval.failRegexp() != null && !eval.failRegexp().matcher(e.getMessage()).find()) {
                return "expected error matching /" + eval.failRegexp() + "/, got \"" + e.getMessage() + "\"";
            }
            return null;
        } catch (RuntimeException e) {
            return "crashed: " + e;
        }
        if (eval.fail()) {
            return "expected an error, got " + result.value();
        }
        return compare(eval, result.value());
    }

    private static String compare(DataFile.Eval eval, QueryValue value) {
        return switch (value) {
            case QueryValue.Scalar s -> {
                if (eval.expected().size() != 1 || eval.expected().get(0).head() != null) {
                    yield "got scalar " + s.value() + ", expected " + describe(eval.expected());
                }
                double want = eval.expected().get(0).values()[0];
                yield same(want, s.value()) ? null : "expected scalar " + want + ", got " + s.value();
            }
            case QueryValue.Text t -> "got string \"" + t.value() + "\", strings cannot be expected";
            case QueryValue.Vector v -> compareVector(eval, v);
            case QueryValue.Matrix m -> compareMatrix(eval, m);
        };
    }

    private static String compareVector(DataFile.Eval eval, QueryValue.Vector v) {
        List<String> got = new ArrayList<>();
        for (QueryValue.Sample s : v.samples()) {
            got.add(s.labels() + " " + s.value());
        }
        if (v.samples().size() != eval.expected().size()) {
            return "expected " + eval.expected().size() + " elements " + describe(eval.expected()) + ", got " + got;
        }
        Map<LabelSet, Integer> position = new HashMap<>();
        for (int i = 0; i < v.samples().size(); i++) {
            position.put(v.samples().get(i).labels(), i);
        }
        for (int i = 0; i < eval.expected().size(); i++) {
            DataFile.Expected e = eval.expected().get(i);
            if (e.head() == null) {
                return "expected a scalar, got vector " + got;
            }
            Integer at = position.get(e.head().labels());
            if (at == null) {
                return "missing " + e.head().labels() + "; got " + got;
            }
            if (eval.ordered() && at != i) {
                return "expected " + e.head().labels() + " at position " + i + ", got " + got;
            }
            double actual = v.samples().get(at).value();
            if (e.values().length != 1 || !same(e.values()[0], actual)) {
                return "for " + e.head().labels() + " expected " + e.head().rest() + ", got " + actual;
            }
        }
        return null;
    }

    private static String compareMatrix(DataFile.Eval eval, QueryValue.Matrix m) {
        Map<LabelSet, QueryValue.Series> byLabels = new HashMap<>();
        for (QueryValue.Series s : m.series()) {
            byLabels.put(s.labels(), s);
        }
        if (m.series().size() != eval.expected().size()) {
            List<String> got = new ArrayList<>();
            m.series().forEach(s -> got.add(s.labels().toString()));
            return "expected " + eval.expected().size() + " series " + describe(eval.expected()) + ", got " + got;
        }
        for (DataFile.Expected e : eval.expected()) {
            LabelSet labels = e.head() == null ? LabelSet.EMPTY : e.head().labels();
            QueryValue.Series s = byLabels.get(labels);
            if (s == null) {
                return "missing series " + labels + "; got " + byLabels.keySet();
            }
            String diff = compareSeries(eval, e.values(), s);
            if (diff != null) {
                return "for " + labels + ": " + diff;
            }
        }
        return null;
    }

    /**
     * A range query's series compares step by step ({@code _} = no point at that step); an instant
     * query's range vector compares its points in order.
     */
    private static String compareSeries(DataFile.Eval eval, double[] want, QueryValue.Series s) {
        StringBuilder got = new StringBuilder();
        if (!eval.range()) {
            for (int i = 0; i < s.size(); i++) {
                got.append(s.values()[i]).append(' ');
            }
            if (want.length != s.size()) {
                return "expected " + want.length + " points, got " + got;
            }
            for (int i = 0; i < want.length; i++) {
                if (!same(want[i], s.values()[i])) {
                    return "point " + i + " expected " + want[i] + ", got " + got;
                }
            }
            return null;
        }
        int steps = (int) ((eval.end() - eval.time()) / eval.step()) + 1;
        if (want.length != steps) {
            return "the expectation lists " + want.length + " values for " + steps + " steps";
        }
        int j = 0;
        for (int i = 0; i < steps; i++) {
            long t = eval.time() + i * eval.step();
            boolean has = j < s.size() && s.times()[j] == t;
            if (SeriesNotation.isMissing(want[i])) {
                if (has) {
                    return "step " + i + " expected no value, got " + s.values()[j];
                }
                continue;
            }
            if (!has) {
                return "step " + i + " expected " + want[i] + ", got no value";
            }
            if (!same(want[i], s.values()[j])) {
                return "step " + i + " expected " + want[i] + ", got " + s.values()[j];
            }
            j++;
        }
        return null;
    }

    static boolean same(double want, double got) {
        if (Double.isNaN(want) || Double.isNaN(got)) {
            return Double.isNaN(want) && Double.isNaN(got);
        }
        if (want == got) {
            return true;
        }
        return Math.abs(want - got) <= TOLERANCE * Math.max(Math.abs(want), Math.abs(got));
    }

    private static String describe(List<DataFile.Expected> expected) {
        List<String> out = new ArrayList<>();
        for (DataFile.Expected e : expected) {
            out.add(e.head() == null ? "scalar" : e.head().labels().toString());
        }
        return out.toString();
    }
}

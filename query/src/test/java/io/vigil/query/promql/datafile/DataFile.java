package io.vigil.query.promql.datafile;

import io.vigil.promql.parser.PromqlParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed data file: a list of {@code load}, {@code clear} and {@code eval} commands (the language
 * is described in {@code src/test/resources/promql/README.md}). Syntax errors name the file and line.
 */
public record DataFile(Path path, List<Command> commands) {
    public sealed interface Command {
        int line();
    }

    public record Load(int line, List<LoadedSeries> series) implements Command {
    }

    public record Clear(int line) implements Command {
    }

    /** One expected element: labels (null for a scalar) and values (one for instant queries). */
    public record Expected(SeriesNotation.Head head, double[] values) {
    }

    /**
     * An eval: instant at {@code time}, or range from {@code time} to {@code end} by {@code step}
     * ({@code step} 0 for instant). For {@code eval_fail}, {@code failMessage}/{@code failRegexp}
     * (either may be null) constrain the error.
     */
    public record Eval(int line, String expr, boolean range, long time, long end, long step, boolean ordered,
            boolean fail, List<Expected> expected, String failMessage, Pattern failRegexp) implements Command {
        public String describe() {
            return (range ? "range from " + time + "ms to " + end + "ms step " + step + "ms" : "instant at " + time + "ms")
                    + " " + expr;
        }
    }

    private static final Pattern LOAD = Pattern.compile("load\\s+(\\S+)");
    private static final Pattern INSTANT = Pattern.compile("(eval|eval_ordered|eval_fail)\\s+instant\\s+at\\s+(\\S+)\\s+(.+)");
    private static final Pattern RANGE = Pattern.compile(
            "(eval|eval_ordered|eval_fail)\\s+range\\s+from\\s+(\\S+)\\s+to\\s+(\\S+)\\s+step\\s+(\\S+)\\s+(.+)");

    public static DataFile read(Path path) throws IOException {
        List<String> lines = Files.readAllLines(path);
        List<Command> commands = new ArrayList<>();
        int i = 0;
        while (i < lines.size()) {
            String raw = lines.get(i);
            String line = raw.strip();
            int number = i + 1;
            i++;
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (Character.isWhitespace(raw.charAt(0))) {
                throw error(path, number, "indented line outside a load or eval block");
            }
            List<String> body = new ArrayList<>();
            List<Integer> bodyLines = new ArrayList<>();
            while (i < lines.size() && !lines.get(i).isBlank() && Character.isWhitespace(lines.get(i).charAt(0))) {
                if (!lines.get(i).strip().startsWith("#")) {
                    body.add(lines.get(i).strip());
                    bodyLines.add(i + 1);
                }
                i++;
            }
            try {
                commands.add(command(line, number, body, bodyLines, path));
            } catch (IllegalArgumentException e) {
                throw error(path, number, e.getMessage());
            }
        }
        return new DataFile(path, commands);
    }

    private static Command command(String line, int number, List<String> body, List<Integer> bodyLines, Path path) {
        if (line.equals("clear")) {
            return new Clear(number);
        }
        Matcher m = LOAD.matcher(line);
        if (m.matches()) {
            long interval = duration(m.group(1));
            List<LoadedSeries> series = new ArrayList<>();
            for (int k = 0; k < body.size(); k++) {
                try {
                    series.add(loaded(body.get(k), interval));
                } catch (IllegalArgumentException e) {
                    throw error(path, bodyLines.get(k), e.getMessage());
                }
            }
            return new Load(number, series);
        }
        m = INSTANT.matcher(line);
        if (m.matches()) {
            return eval(m.group(1), number, m.group(3), false, duration(m.group(2)), 0, 0, body);
        }
        m = RANGE.matcher(line);
        if (m.matches()) {
            return eval(m.group(1), number, m.group(5), true, duration(m.group(2)), duration(m.group(3)),
                    duration(m.group(4)), body);
        }
        throw new IllegalArgumentException("unknown command: " + line);
    }

    private static Eval eval(String keyword, int line, String expr, boolean range, long time, long end, long step,
            List<String> body) {
        boolean fail = keyword.equals("eval_fail");
        List<Expected> expected = new ArrayList<>();
        String message = null;
        Pattern regexp = null;
        for (String b : body) {
            if (b.startsWith("expected_fail_message ")) {
                message = b.substring("expected_fail_message ".length()).strip();
            } else if (b.startsWith("expected_fail_regexp ")) {
                regexp = Pattern.compile(b.substring("expected_fail_regexp ".length()).strip());
            } else if (fail) {
                throw new IllegalArgumentException("eval_fail takes only expected_fail_message/expected_fail_regexp");
            } else if (Character.isDigit(b.charAt(0)) || b.charAt(0) == '-' || b.charAt(0) == '+'
                    || b.startsWith("NaN") || b.startsWith("Inf")) {
                expected.add(new Expected(null, SeriesNotation.values(b)));
            } else {
                SeriesNotation.Head head = SeriesNotation.head(b);
                expected.add(new Expected(head, SeriesNotation.values(head.rest())));
            }
        }
        return new Eval(line, expr, range, time, end, step, keyword.equals("eval_ordered"), fail, expected, message,
                regexp);
    }

    private static LoadedSeries loaded(String text, long interval) {
        SeriesNotation.Head head = SeriesNotation.head(text);
        double[] values = SeriesNotation.values(head.rest());
        int n = 0;
        for (double v : values) {
            if (!SeriesNotation.isMissing(v)) {
                n++;
            }
        }
        long[] t = new long[n];
        double[] v = new double[n];
        int j = 0;
        for (int k = 0; k < values.length; k++) {
            if (!SeriesNotation.isMissing(values[k])) {
                t[j] = k * interval;
                v[j++] = values[k];
            }
        }
        return new LoadedSeries(head.labels(), t, v);
    }

    /** A duration such as 5m or 1h30m, or a plain number of seconds (may be negative or fractional). */
    static long duration(String s) {
        if (s.matches("-?\\d+(\\.\\d+)?")) {
            return Math.round(Double.parseDouble(s) * 1000);
        }
        if (s.startsWith("-")) {
            return -PromqlParser.parseDuration(s.substring(1));
        }
        return PromqlParser.parseDuration(s);
    }

    private static IllegalArgumentException error(Path path, int line, String message) {
        return new IllegalArgumentException(path.getFileName() + ":" + line + ": " + message);
    }
}

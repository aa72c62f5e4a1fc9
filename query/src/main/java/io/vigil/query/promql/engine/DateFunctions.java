package io.vigil.query.promql.engine;

import io.vigil.promql.ast.Expr;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * year(), month(), day_of_month(), … of each sample value read as Unix seconds in UTC; without an
 * argument, of the evaluation time ({@code vector(time())}).
 */
final class DateFunctions {
    private static final Set<String> NAMES = Set.of("day_of_month", "day_of_week", "day_of_year", "days_in_month",
            "hour", "minute", "month", "year");

    private DateFunctions() {
    }

    static boolean handles(String fn) {
        return NAMES.contains(fn);
    }

    static Value call(Evaluator ev, String fn, List<Expr> args) {
        int steps = ev.steps();
        if (args.isEmpty()) {
            StepSeries r = new StepSeries(io.vigil.query.promql.LabelSet.EMPTY, steps);
            for (int i = 0; i < steps; i++) {
                r.set(i, part(fn, ev.seconds(i)));
            }
            return new Value.Vector(List.of(r));
        }
        Value.Vector in = ev.evalVector(args.get(0));
        List<StepSeries> out = new ArrayList<>(in.series().size());
        for (StepSeries s : in.series()) {
            StepSeries r = new StepSeries(s.labels.withoutName(), steps);
            for (int i = 0; i < steps; i++) {
                if (s.present[i]) {
                    r.set(i, part(fn, s.values[i]));
                }
            }
            out.add(r);
        }
        return new Value.Vector(SeriesMerger.merge(out));
    }

    static double part(String fn, double seconds) {
        if (Double.isNaN(seconds) || Double.isInfinite(seconds)) {
            return Double.NaN;
        }
        LocalDateTime t = LocalDateTime.ofEpochSecond((long) seconds, 0, ZoneOffset.UTC);
        return switch (fn) {
            case "day_of_month" -> t.getDayOfMonth();
            case "day_of_week" -> t.getDayOfWeek().getValue() % 7; // Sunday is 0
            case "day_of_year" -> t.getDayOfYear();
            case "days_in_month" -> t.toLocalDate().lengthOfMonth();
            case "hour" -> t.getHour();
            case "minute" -> t.getMinute();
            case "month" -> t.getMonthValue();
            case "year" -> t.getYear();
            default -> throw new IllegalArgumentException(fn);
        };
    }
}

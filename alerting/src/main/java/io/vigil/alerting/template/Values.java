package io.vigil.alerting.template;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The values templates work with, and how Go prints and tests them. Strings, {@code Double} (float64),
 * {@code Long} (int), {@code Boolean}, maps (printed sorted by key), lists, query samples, times, and
 * null (Go's missing value).
 */
final class Values {
    private Values() {
    }

    /** The map {@code args} returns: a missing key is nil, not "" as for label maps. */
    static final class ArgsMap extends TreeMap<String, Object> {
    }

    /** A Go time.Time in UTC, as {@code toTime} returns it; prints like Go's {@code Time.String()}. */
    record GoTime(long seconds, int nanos) {
        @Override
        public String toString() {
            java.time.Instant i = java.time.Instant.ofEpochSecond(seconds, nanos);
            String base = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
                    .withZone(java.time.ZoneOffset.UTC).format(i);
            String frac = "";
            if (nanos != 0) {
                frac = "." + String.format("%09d", nanos).replaceAll("0+$", "");
            }
            return base + frac + " +0000 UTC";
        }
    }

    /** Go's {@code fmt.Sprint} of one value ({@code %v}). */
    static String print(Object v) {
        return switch (v) {
            case null -> "<no value>";
            case String s -> s;
            case Double d -> GoFormat.formatFloat(d, 'g', -1);
            case Map<?, ?> m -> {
                StringBuilder sb = new StringBuilder("map[");
                boolean first = true;
                for (Map.Entry<?, ?> e : new TreeMap<>(m).entrySet()) {
                    sb.append(first ? "" : " ").append(e.getKey()).append(':').append(printNested(e.getValue()));
                    first = false;
                }
                yield sb.append(']').toString();
            }
            case List<?> l -> {
                List<String> parts = new ArrayList<>();
                for (Object o : l) {
                    parts.add(printNested(o));
                }
                yield "[" + String.join(" ", parts) + "]";
            }
            case QueryFunction.Sample s -> "&{" + print(s.labels()) + " " + print(s.value()) + "}";
            default -> v.toString();
        };
    }

    private static String printNested(Object v) {
        return v == null ? "<nil>" : print(v);
    }

    /** Go's type name, for {@code %T} and messages. */
    static String typeName(Object v) {
        return switch (v) {
            case null -> "<nil>";
            case String s -> "string";
            case Double d -> "float64";
            case Long l -> "int";
            case Boolean b -> "bool";
            case ArgsMap m -> "map[string]interface {}";
            case Map<?, ?> m -> "map[string]string";
            case List<?> l -> "[]*template.sample";
            case QueryFunction.Sample s -> "*template.sample";
            case GoTime t -> "time.Time";
            default -> v.getClass().getSimpleName();
        };
    }

    /** Go's truth: false, 0, "", nil and empty maps and lists are false. */
    static boolean truth(Object v) {
        return switch (v) {
            case null -> false;
            case Boolean b -> b;
            case String s -> !s.isEmpty();
            case Double d -> d != 0;
            case Long l -> l != 0;
            case Map<?, ?> m -> !m.isEmpty();
            case List<?> l -> !l.isEmpty();
            default -> true;
        };
    }

    /** The number for float64 parameters: floats, integer constants, numeric strings (as newer Prometheus). */
    static double toFloat(Object v) throws FunctionError {
        return switch (v) {
            case Double d -> d;
            case Long l -> l;
            case String s -> {
                try {
                    yield Double.parseDouble(s.strip().replace("Inf", "Infinity"));
                } catch (NumberFormatException e) {
                    throw new FunctionError("strconv.ParseFloat: parsing " + GoFormat.quote(s) + ": invalid syntax");
                }
            }
            case null -> throw new FunctionError("can't convert <nil> to float");
            default -> throw new FunctionError("can't convert " + typeName(v) + " to float");
        };
    }

    static String toStr(Object v, String what) throws FunctionError {
        if (v instanceof String s) {
            return s;
        }
        throw new FunctionError("wrong type for value; expected string; got " + typeName(v) + " (" + what + ")");
    }

    /** A function's complaint; the executor adds where it happened. */
    static final class FunctionError extends Exception {
        FunctionError(String message) {
            super(message);
        }
    }
}

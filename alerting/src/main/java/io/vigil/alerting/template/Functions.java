package io.vigil.alerting.template;

import io.vigil.alerting.template.Values.FunctionError;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The functions templates may call: Go's predefined ones here, Prometheus's in {@link PromFunctions}. */
final class Functions {
    /** A function body; {@code data} gives query and external URL to the functions that need them. */
    interface Body {
        Object call(TemplateData data, List<Object> args) throws FunctionError;
    }

    /** {@code max < 0}: variadic. */
    record Spec(int min, int max, Body body) {
    }

    /** Evaluated by the executor itself, lazily: {@code and}/{@code or} stop at the first deciding argument. */
    static final Set<String> SHORT_CIRCUIT = Set.of("and", "or");

    static final Map<String, Spec> ALL;

    static {
        Map<String, Spec> m = new HashMap<>();
        m.put("and", new Spec(1, -1, (d, a) -> null));
        m.put("or", new Spec(1, -1, (d, a) -> null));
        m.put("not", new Spec(1, 1, (d, a) -> !Values.truth(a.get(0))));
        m.put("len", new Spec(1, 1, (d, a) -> length(a.get(0))));
        m.put("index", new Spec(1, -1, (d, a) -> index(a)));
        m.put("print", new Spec(0, -1, (d, a) -> Printf.sprint(a)));
        m.put("println", new Spec(0, -1, (d, a) -> Printf.sprintln(a)));
        m.put("printf", new Spec(1, -1, (d, a) -> Printf.sprintf(Values.toStr(a.get(0), "format"), a.subList(1, a.size()))));
        m.put("eq", new Spec(1, -1, (d, a) -> eq(a)));
        m.put("ne", new Spec(2, 2, (d, a) -> !eq(a)));
        m.put("lt", new Spec(2, 2, (d, a) -> ordered(a.get(0), a.get(1), "lt")));
        m.put("le", new Spec(2, 2, (d, a) -> ordered(a.get(0), a.get(1), "le")));
        m.put("gt", new Spec(2, 2, (d, a) -> ordered(a.get(0), a.get(1), "gt")));
        m.put("ge", new Spec(2, 2, (d, a) -> ordered(a.get(0), a.get(1), "ge")));
        m.put("html", new Spec(0, -1, (d, a) -> html(Printf.sprint(a))));
        m.put("js", new Spec(0, -1, (d, a) -> js(Printf.sprint(a))));
        m.put("urlquery", new Spec(0, -1, (d, a) -> urlQuery(Printf.sprint(a))));
        PromFunctions.register(m);
        ALL = Map.copyOf(m);
    }

    private Functions() {
    }

    private static long length(Object v) throws FunctionError {
        return switch (v) {
            case String s -> s.getBytes(StandardCharsets.UTF_8).length;
            case Map<?, ?> m -> m.size();
            case List<?> l -> l.size();
            default -> throw new FunctionError("len of type " + Values.typeName(v));
        };
    }

    private static Object index(List<Object> a) throws FunctionError {
        Object item = a.get(0);
        for (Object key : a.subList(1, a.size())) {
            if (item instanceof Map<?, ?> m) {
                if (!(key instanceof String)) {
                    throw new FunctionError("value has type " + Values.typeName(key) + "; should be string");
                }
                item = m.containsKey(key) ? m.get(key) : m instanceof Values.ArgsMap ? null : "";
            } else if (item instanceof List<?> l) {
                if (!(key instanceof Long i)) {
                    throw new FunctionError("cannot index slice/array with type " + Values.typeName(key));
                }
                if (i < 0 || i >= l.size()) {
                    throw new FunctionError("index out of range: " + i);
                }
                item = l.get((int) (long) i);
            } else {
                throw new FunctionError("can't index item of type " + Values.typeName(item));
            }
        }
        return item;
    }

    private static boolean eq(List<Object> a) throws FunctionError {
        if (a.size() < 2) {
            throw new FunctionError("missing argument for comparison");
        }
        Object first = a.get(0);
        for (Object other : a.subList(1, a.size())) {
            if (first == null || other == null) {
                if (first == other) {
                    return true;
                }
                continue;
            }
            if (!sameKind(first, other)) {
                throw new FunctionError("incompatible types for comparison");
            }
            if (!(first instanceof String || first instanceof Double || first instanceof Long || first instanceof Boolean)) {
                throw new FunctionError("invalid type for comparison");
            }
            if (first instanceof Double x ? x.doubleValue() == ((Double) other).doubleValue() : first.equals(other)) {
                return true;
            }
        }
        return false;
    }

    private static boolean ordered(Object x, Object y, String op) throws FunctionError {
        if (x == null || y == null || x instanceof Boolean || y instanceof Boolean || x instanceof Map || x instanceof List) {
            throw new FunctionError("invalid type for comparison");
        }
        if (!sameKind(x, y)) {
            throw new FunctionError("incompatible types for comparison");
        }
        if (x instanceof Double a) {
            // Compared as Go does: with NaN every comparison is false.
            double b = (Double) y;
            return switch (op) {
                case "lt" -> a < b;
                case "le" -> a <= b;
                case "gt" -> a > b;
                default -> a >= b;
            };
        }
        int c = x instanceof String s ? s.compareTo((String) y) : Long.compare((Long) x, (Long) y);
        return switch (op) {
            case "lt" -> c < 0;
            case "le" -> c <= 0;
            case "gt" -> c > 0;
            default -> c >= 0;
        };
    }

    private static boolean sameKind(Object x, Object y) {
        return x.getClass() == y.getClass() || (x instanceof Map && y instanceof Map) || (x instanceof List && y instanceof List);
    }

    static String html(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '\'' -> sb.append("&#39;");
                case '"' -> sb.append("&#34;");
                case '\0' -> sb.append('\uFFFD');
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    private static String js(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '\'' -> sb.append("\\'");
                case '"' -> sb.append("\\\"");
                case '<', '>', '&', '=', '`' -> sb.append(String.format("\\u%04X", (int) c));
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < ' ') {
                        sb.append(String.format("\\u%04X", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }

    static String urlQuery(String s) {
        StringBuilder sb = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
                    || c == '.' || c == '~') {
                sb.append((char) c);
            } else if (c == ' ') {
                sb.append('+');
            } else {
                sb.append('%').append(String.format("%02X", c));
            }
        }
        return sb.toString();
    }
}

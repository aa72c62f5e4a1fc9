package io.vigil.promql.parser;

import static io.vigil.promql.ast.ValueType.MATRIX;
import static io.vigil.promql.ast.ValueType.SCALAR;
import static io.vigil.promql.ast.ValueType.STRING;
import static io.vigil.promql.ast.ValueType.VECTOR;

import io.vigil.promql.ast.ValueType;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The catalogue of PromQL functions over float samples, with the signatures the parser checks calls
 * against. Names are case-sensitive, as in Prometheus. {@code holt_winters} is the pre-3.0 name of
 * {@code double_exponential_smoothing} and is kept so that old dashboards still parse.
 */
public final class Functions {
    private static final Map<String, FunctionSignature> CATALOGUE = new TreeMap<>();

    static {
        for (String f : List.of("abs", "acos", "acosh", "asin", "asinh", "atan", "atanh", "ceil", "cos", "cosh",
                "deg", "exp", "floor", "ln", "log10", "log2", "rad", "sgn", "sin", "sinh", "sort", "sort_desc",
                "sqrt", "tan", "tanh", "absent", "timestamp")) {
            add(f, List.of(VECTOR), 0, VECTOR);
        }
        for (String f : List.of("absent_over_time", "avg_over_time", "changes", "count_over_time", "delta", "deriv",
                "idelta", "increase", "irate", "last_over_time", "mad_over_time", "max_over_time", "min_over_time",
                "present_over_time", "rate", "resets", "stddev_over_time", "stdvar_over_time", "sum_over_time")) {
            add(f, List.of(MATRIX), 0, VECTOR);
        }
        for (String f : List.of("days_in_month", "day_of_month", "day_of_week", "day_of_year", "hour", "minute",
                "month", "year")) {
            add(f, List.of(VECTOR), 1, VECTOR);
        }
        add("clamp", List.of(VECTOR, SCALAR, SCALAR), 0, VECTOR);
        add("clamp_max", List.of(VECTOR, SCALAR), 0, VECTOR);
        add("clamp_min", List.of(VECTOR, SCALAR), 0, VECTOR);
        add("histogram_quantile", List.of(SCALAR, VECTOR), 0, VECTOR);
        add("holt_winters", List.of(MATRIX, SCALAR, SCALAR), 0, VECTOR);
        add("double_exponential_smoothing", List.of(MATRIX, SCALAR, SCALAR), 0, VECTOR);
        add("label_join", List.of(VECTOR, STRING, STRING, STRING), -1, VECTOR);
        add("label_replace", List.of(VECTOR, STRING, STRING, STRING, STRING), 0, VECTOR);
        add("pi", List.of(), 0, SCALAR);
        add("predict_linear", List.of(MATRIX, SCALAR), 0, VECTOR);
        add("quantile_over_time", List.of(SCALAR, MATRIX), 0, VECTOR);
        add("round", List.of(VECTOR, SCALAR), 1, VECTOR);
        add("scalar", List.of(VECTOR), 0, SCALAR);
        add("sort_by_label", List.of(VECTOR, STRING), -1, VECTOR);
        add("sort_by_label_desc", List.of(VECTOR, STRING), -1, VECTOR);
        add("time", List.of(), 0, SCALAR);
        add("vector", List.of(SCALAR), 0, VECTOR);
    }

    private Functions() {
    }

    private static void add(String name, List<ValueType> args, int variadic, ValueType returns) {
        CATALOGUE.put(name, new FunctionSignature(name, args, variadic, returns));
    }

    /** The signature of {@code name}, or null when there is no such function. */
    public static FunctionSignature lookup(String name) {
        return CATALOGUE.get(name);
    }

    /** Every known function, by name. */
    public static Map<String, FunctionSignature> all() {
        return java.util.Collections.unmodifiableMap(CATALOGUE);
    }
}

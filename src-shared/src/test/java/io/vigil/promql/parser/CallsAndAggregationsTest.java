package io.vigil.promql.parser;

import static io.vigil.promql.parser.ParseErrors.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.promql.ast.Aggregate;
import io.vigil.promql.ast.AggregateOp;
import io.vigil.promql.ast.Call;
import io.vigil.promql.ast.NumberLiteral;
import io.vigil.promql.ast.StringLiteral;
import io.vigil.promql.ast.ValueType;
import java.util.List;
import org.junit.jupiter.api.Test;

class CallsAndAggregationsTest {

    @Test
    void callsCarryTheirReturnType() {
        Call rate = (Call) PromqlParser.parse("rate(x[5m])");
        assertThat(rate.function()).isEqualTo("rate");
        assertThat(rate.type()).isEqualTo(ValueType.VECTOR);
        assertThat(PromqlParser.parse("time()").type()).isEqualTo(ValueType.SCALAR);
        assertThat(PromqlParser.parse("scalar(x)").type()).isEqualTo(ValueType.SCALAR);
        assertThat(((Call) PromqlParser.parse("label_join(x, \"d\", \",\", \"a\", \"b\", \"c\", \"d\")")).args()).hasSize(7);
        assertThat(((Call) PromqlParser.parse("round(x, 5)")).args()).hasSize(2);
        assertThat(((Call) PromqlParser.parse("hour()")).args()).isEmpty();
    }

    @Test
    void aggregationsWithGroupingBeforeOrAfter() {
        Aggregate before = (Aggregate) PromqlParser.parse("sum by (job, \"my.label\") (x)");
        Aggregate after = (Aggregate) PromqlParser.parse("sum(x) by (job, \"my.label\")");
        assertThat(before).isEqualTo(after);
        assertThat(before.grouping()).containsExactly("job", "my.label");
        assertThat(before.without()).isFalse();
        Aggregate without = (Aggregate) PromqlParser.parse("AVG WITHOUT (instance,) (x)");
        assertThat(without.op()).isEqualTo(AggregateOp.AVG);
        assertThat(without.without()).isTrue();
        assertThat(without.grouping()).containsExactly("instance");
        Aggregate keywordLabels = (Aggregate) PromqlParser.parse("max by (on, by, bool, offset) (x)");
        assertThat(keywordLabels.grouping()).containsExactly("on", "by", "bool", "offset");
    }

    @Test
    void aggregationParameters() {
        assertThat(((Aggregate) PromqlParser.parse("topk(3, x)")).param()).isEqualTo(new NumberLiteral(3));
        assertThat(((Aggregate) PromqlParser.parse("quantile(0.9, x)")).param()).isEqualTo(new NumberLiteral(0.9));
        assertThat(((Aggregate) PromqlParser.parse("count_values(\"v\", x)")).param()).isEqualTo(new StringLiteral("v"));
        assertThat(((Aggregate) PromqlParser.parse("bottomk by (a) (scalar(y), x)")).param().type()).isEqualTo(ValueType.SCALAR);
        assertThat(((Aggregate) PromqlParser.parse("limitk(2, x)")).op()).isEqualTo(AggregateOp.LIMITK);
        assertThat(((Aggregate) PromqlParser.parse("sum(x)")).param()).isNull();
    }

    @Test
    void functionTypeErrorsNameTheFunctionAndTheArgument() {
        assertError("rate(x)", 5, "expected type range vector in call to function \"rate\", got instant vector");
        assertError("abs(x[5m])", 4, "expected type instant vector in call to function \"abs\", got range vector");
        assertError("clamp(x, \"a\", 1)", 9, "expected type scalar in call to function \"clamp\", got string");
        assertError("label_replace(x, \"a\", \"b\", \"c\", 1)", 32,
                "expected type string in call to function \"label_replace\", got scalar");
        assertError("label_join(x, \"a\", \",\", \"b\", 2)", 29,
                "expected type string in call to function \"label_join\", got scalar");
        assertError("vector(x)", 7, "expected type scalar in call to function \"vector\", got instant vector");
        assertError("rate()", 0, "expected 1 argument(s) in call to \"rate\", got 0");
        assertError("rate(x[1m], x[1m])", 0, "expected 1 argument(s) in call to \"rate\", got 2");
        assertError("time(1)", 0, "expected 0 argument(s) in call to \"time\", got 1");
        assertError("round(x, 1, 2)", 0, "expected at most 2 argument(s) in call to \"round\", got 3");
        assertError("label_join(x, \"a\")", 0, "expected at least 3 argument(s) in call to \"label_join\", got 2");
        assertError("sort_by_label()", 0, "expected at least 1 argument(s) in call to \"sort_by_label\", got 0");
        assertError("hour(x, x)", 0, "expected at most 1 argument(s) in call to \"hour\", got 2");
        assertError("foo(x)", 0, "unknown function with name \"foo\"");
        assertError("RATE(x[5m])", 0, "unknown function with name \"RATE\"");
        assertError("rate(x[5m],)", 10, "trailing commas not allowed in function call args");
        assertError("rate(x[5m]", 10, "unexpected end of input in call to function \"rate\", expected \",\" or \")\"");
        assertError("abs(x) + rate(x)", 14, "expected type range vector in call to function \"rate\", got instant vector");
    }

    @Test
    void aggregationTypeErrors() {
        assertError("sum(x[5m])", 4, "expected type instant vector in aggregation expression, got range vector");
        assertError("sum(1)", 4, "expected type instant vector in aggregation expression, got scalar");
        assertError("topk(x, x)", 5, "expected type scalar in aggregation parameter, got instant vector");
        assertError("count_values(1, x)", 13, "expected type string in aggregation parameter, got scalar");
        assertError("quantile(\"a\", x)", 9, "expected type scalar in aggregation parameter, got string");
        assertError("topk(x)", 0, "wrong number of arguments for aggregate expression provided, expected 2, got 1");
        assertError("sum(x, y)", 0, "wrong number of arguments for aggregate expression provided, expected 1, got 2");
        assertError("sum()", 0, "wrong number of arguments for aggregate expression provided, expected 1, got 0");
        assertError("sum by (a) (x) by (b)", 15, "unexpected identifier \"by\"");
        assertError("sum by (x", 9, "unexpected end of input in grouping opts, expected \",\" or \")\"");
        assertError("sum by (1) (x)", 8, "unexpected number \"1\" in grouping opts, expected label");
        assertError("sum by (a) x", 11, "unexpected identifier \"x\" in aggregation, expected \"(\"");
    }

    @Test
    void catalogueSignatures() {
        FunctionSignature rate = Functions.lookup("rate");
        assertThat(rate.argTypes()).containsExactly(ValueType.MATRIX);
        assertThat(rate.returnType()).isEqualTo(ValueType.VECTOR);
        assertThat(Functions.lookup("round").minArgs()).isEqualTo(1);
        assertThat(Functions.lookup("round").maxArgs()).isEqualTo(2);
        assertThat(Functions.lookup("label_join").maxArgs()).isEqualTo(Integer.MAX_VALUE);
        assertThat(Functions.lookup("label_join").argType(9)).isEqualTo(ValueType.STRING);
        assertThat(Functions.lookup("nope")).isNull();
        List<String> required = List.of("abs", "absent", "absent_over_time", "acos", "acosh", "asin", "asinh", "atan",
                "atanh", "avg_over_time", "ceil", "changes", "clamp", "clamp_max", "clamp_min", "cos", "cosh", "count_over_time",
                "days_in_month", "day_of_month", "day_of_week", "day_of_year", "deg", "delta", "deriv", "exp", "floor",
                "histogram_quantile", "holt_winters", "double_exponential_smoothing", "hour", "idelta", "increase",
                "irate", "label_join", "label_replace", "last_over_time", "ln", "log10", "log2", "mad_over_time",
                "max_over_time", "min_over_time", "minute", "month", "pi", "predict_linear", "present_over_time",
                "quantile_over_time", "rad", "rate", "resets", "round", "scalar", "sgn", "sin", "sinh", "sort",
                "sort_desc", "sort_by_label", "sort_by_label_desc", "sqrt", "stddev_over_time", "stdvar_over_time",
                "sum_over_time", "tan", "tanh", "time", "timestamp", "vector", "year");
        assertThat(Functions.all().keySet()).containsExactlyInAnyOrderElementsOf(required);
    }

    @Test
    void everyCatalogueFunctionParsesWithArgumentsOfItsTypes() {
        for (FunctionSignature fn : Functions.all().values()) {
            StringBuilder q = new StringBuilder(fn.name()).append('(');
            for (int i = 0; i < fn.minArgs(); i++) {
                if (i > 0) {
                    q.append(", ");
                }
                q.append(switch (fn.argType(i)) {
                    case SCALAR -> "1";
                    case VECTOR -> "x";
                    case MATRIX -> "x[5m]";
                    case STRING -> "\"s\"";
                });
            }
            Call call = (Call) PromqlParser.parse(q.append(')').toString());
            assertThat(call.type()).as(fn.name()).isEqualTo(fn.returnType());
        }
    }
}

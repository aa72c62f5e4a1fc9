package io.vigil.promql.parser;

import static io.vigil.promql.parser.ParseErrors.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.promql.ast.AtModifier;
import io.vigil.promql.ast.Binary;
import io.vigil.promql.ast.BinaryOp;
import io.vigil.promql.ast.Expr;
import io.vigil.promql.ast.LabelMatcher;
import io.vigil.promql.ast.NumberLiteral;
import io.vigil.promql.ast.Paren;
import io.vigil.promql.ast.Unary;
import io.vigil.promql.ast.ValueType;
import io.vigil.promql.ast.VectorMatching;
import io.vigil.promql.ast.VectorMatching.Cardinality;
import io.vigil.promql.ast.VectorSelector;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OperatorsTest {

    private static NumberLiteral n(double v) {
        return new NumberLiteral(v);
    }

    private static VectorSelector sel(String name) {
        return new VectorSelector(name, List.of(new LabelMatcher(LabelMatcher.METRIC_NAME, LabelMatcher.MatchType.EQUAL, name)),
                0, AtModifier.NONE);
    }

    private static Binary scalar(BinaryOp op, Expr l, Expr r) {
        return new Binary(op, l, r, false, null);
    }

    @Test
    void multiplicationBindsTighterThanAddition() {
        assertThat(PromqlParser.parse("1 + 2 * 3")).isEqualTo(scalar(BinaryOp.ADD, n(1), scalar(BinaryOp.MUL, n(2), n(3))));
        assertThat(PromqlParser.parse("1 * 2 + 3")).isEqualTo(scalar(BinaryOp.ADD, scalar(BinaryOp.MUL, n(1), n(2)), n(3)));
    }

    @Test
    void sameLevelOperatorsAreLeftAssociative() {
        assertThat(PromqlParser.parse("1 - 2 - 3")).isEqualTo(scalar(BinaryOp.SUB, scalar(BinaryOp.SUB, n(1), n(2)), n(3)));
        assertThat(PromqlParser.parse("8 / 4 % 3")).isEqualTo(scalar(BinaryOp.MOD, scalar(BinaryOp.DIV, n(8), n(4)), n(3)));
        assertThat(PromqlParser.parse("a or b or c"))
                .isEqualTo(setOp(BinaryOp.OR, setOp(BinaryOp.OR, sel("a"), sel("b")), sel("c")));
    }

    @Test
    void powerIsRightAssociative() {
        assertThat(PromqlParser.parse("2 ^ 3 ^ 2")).isEqualTo(scalar(BinaryOp.POW, n(2), scalar(BinaryOp.POW, n(3), n(2))));
    }

    @Test
    void unaryMinusBindsLooserThanPower() {
        assertThat(PromqlParser.parse("-2^2")).isEqualTo(new Unary(true, scalar(BinaryOp.POW, n(2), n(2))));
        assertThat(PromqlParser.parse("(-2)^2")).isEqualTo(scalar(BinaryOp.POW, new Paren(n(-2)), n(2)));
        assertThat(PromqlParser.parse("2 ^ -1")).isEqualTo(scalar(BinaryOp.POW, n(2), n(-1)));
        assertThat(PromqlParser.parse("-x * 2")).isEqualTo(scalar(BinaryOp.MUL, new Unary(true, sel("x")), n(2)));
    }

    @Test
    void signOnNumberIsFolded() {
        assertThat(PromqlParser.parse("-1 * 2")).isEqualTo(scalar(BinaryOp.MUL, n(-1), n(2)));
        assertThat(PromqlParser.parse("1 - -1")).isEqualTo(scalar(BinaryOp.SUB, n(1), n(-1)));
        assertThat(PromqlParser.parse("-(1)")).isEqualTo(new Unary(true, new Paren(n(1))));
    }

    @ParameterizedTest(name = "{0} has {1} at the top")
    @CsvSource(delimiter = '|', value = {
            "a or b and c | OR", "a and b or c | OR", "a unless b == c | UNLESS", "a == b + c | EQL",
            "a + b * c | ADD", "a * b ^ c | MUL", "a atan2 b + c | ADD", "a + b atan2 c | ADD",
            "a > b unless c | UNLESS", "a % b - c | SUB", "a <= b != c | NEQ"})
    void precedenceLevels(String query, BinaryOp top) {
        assertThat(((Binary) PromqlParser.parse(query)).op()).isEqualTo(top);
    }

    @Test
    void setOperatorsAreManyToMany() {
        Binary b = (Binary) PromqlParser.parse("a and on (job) b");
        assertThat(b.matching()).isEqualTo(new VectorMatching(Cardinality.MANY_TO_MANY, List.of("job"), true, List.of()));
    }

    @Test
    void vectorMatchingModifiers() {
        Binary on = (Binary) PromqlParser.parse("a * on(job, instance) group_left(version) b");
        assertThat(on.matching()).isEqualTo(
                new VectorMatching(Cardinality.MANY_TO_ONE, List.of("job", "instance"), true, List.of("version")));
        Binary ignoring = (Binary) PromqlParser.parse("a / IGNORING(code) GROUP_RIGHT b");
        assertThat(ignoring.matching()).isEqualTo(new VectorMatching(Cardinality.ONE_TO_MANY, List.of("code"), false, List.of()));
        Binary quoted = (Binary) PromqlParser.parse("a + on(\"my.label\",) b");
        assertThat(quoted.matching().matchingLabels()).containsExactly("my.label");
        assertThat(((Binary) PromqlParser.parse("a + b")).matching()).isEqualTo(VectorMatching.DEFAULT);
        assertThat(((Binary) PromqlParser.parse("a + 1")).matching()).isNull();
    }

    @Test
    void boolModifierOnComparisons() {
        Binary b = (Binary) PromqlParser.parse("a > bool on (job) b");
        assertThat(b.returnBool()).isTrue();
        assertThat(b.matching().on()).isTrue();
        Binary s = (Binary) PromqlParser.parse("1 == BOOL 2");
        assertThat(s.returnBool()).isTrue();
        assertThat(s.type()).isEqualTo(ValueType.SCALAR);
    }

    @Test
    void operatorMisuseIsRefused() {
        assertError("1 > 2", 2, "comparisons between scalars must use BOOL modifier");
        assertError("a + bool b", 4, "bool modifier can only be used on comparison operators");
        assertError("a and bool b", 6, "bool modifier can only be used on comparison operators");
        assertError("a and 1", 2, "set operator \"and\" not allowed in binary scalar expression");
        assertError("1 or a", 2, "set operator \"or\" not allowed in binary scalar expression");
        assertError("a and on(job) group_left b", 2, "no grouping allowed for \"and\" operation");
        assertError("a + on(job) 1", 2, "vector matching only allowed between instant vectors");
        assertError("a * on(job) group_left(job) b", 2, "label \"job\" must not occur in ON and GROUP clause at once");
        assertError("a[5m] + b", 0,
                "binary expression must contain only scalar and instant vector types, got range vector on the left of \"+\"");
        assertError("a + \"x\"", 4,
                "binary expression must contain only scalar and instant vector types, got string on the right of \"+\"");
        assertError("-a[5m]", 0, "unary expression only allowed on expressions of type scalar or instant vector, got range vector");
        assertError("-\"x\"", 0, "unary expression only allowed on expressions of type scalar or instant vector, got string");
        assertError("a + ", 4, "unexpected end of input");
        assertError("a +* b", 3, "unexpected \"*\"");
        assertError("a * group_left b", 4, "unexpected identifier \"group_left\"");
        assertError("a + on job b", 7, "unexpected identifier \"job\" in grouping opts, expected \"(\"");
        assertError("a + on(job b", 11, "unexpected identifier \"b\" in grouping opts, expected \",\" or \")\"");
        assertError("a + on(job:x) b", 7, "unexpected identifier \"job:x\" in grouping opts, expected label");
        assertError("a b", 2, "unexpected identifier \"b\"");
    }

    @Test
    void emptyIgnoringMatchesTheDefault() {
        assertThat(PromqlParser.parse("a + ignoring() b")).isEqualTo(PromqlParser.parse("a + b"));
        assertThat(PromqlParser.parse("a + on() b")).isNotEqualTo(PromqlParser.parse("a + b"));
    }

    private static Binary setOp(BinaryOp op, Expr l, Expr r) {
        return new Binary(op, l, r, false, new VectorMatching(Cardinality.MANY_TO_MANY, List.of(), false, List.of()));
    }
}

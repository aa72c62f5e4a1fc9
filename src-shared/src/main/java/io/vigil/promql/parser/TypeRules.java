package io.vigil.promql.parser;

import io.vigil.promql.ast.Aggregate;
import io.vigil.promql.ast.AggregateOp;
import io.vigil.promql.ast.Binary;
import io.vigil.promql.ast.BinaryOp;
import io.vigil.promql.ast.Call;
import io.vigil.promql.ast.Expr;
import io.vigil.promql.ast.Unary;
import io.vigil.promql.ast.ValueType;
import io.vigil.promql.ast.VectorMatching;
import io.vigil.promql.ast.VectorMatching.Cardinality;
import java.util.List;

/**
 * The type rules Prometheus applies while parsing: argument counts and types of calls and
 * aggregations, which operands binary and unary operators accept, and where {@code bool},
 * {@code on}/{@code ignoring} and {@code group_left}/{@code group_right} are allowed.
 */
final class TypeRules {
    private final TokenCursor in;

    TypeRules(TokenCursor in) {
        this.in = in;
    }

    /** Type names as Prometheus's messages use them. */
    static String describe(ValueType type) {
        return switch (type) {
            case SCALAR -> "scalar";
            case VECTOR -> "instant vector";
            case MATRIX -> "range vector";
            case STRING -> "string";
        };
    }

    void expectType(Parsed p, ValueType want, String context) {
        if (p.expr().type() != want) {
            throw in.error(p.start(), "expected type " + describe(want) + " in " + context + ", got "
                    + describe(p.expr().type()));
        }
    }

    Parsed call(Token name, FunctionSignature fn, List<Parsed> args) {
        int n = args.size();
        String quoted = "\"" + fn.name() + "\"";
        if (fn.variadic() == 0 && n != fn.minArgs()) {
            throw in.error(name.start(), "expected " + fn.minArgs() + " argument(s) in call to " + quoted + ", got " + n);
        }
        if (n < fn.minArgs()) {
            throw in.error(name.start(), "expected at least " + fn.minArgs() + " argument(s) in call to " + quoted + ", got " + n);
        }
        if (n > fn.maxArgs()) {
            throw in.error(name.start(), "expected at most " + fn.maxArgs() + " argument(s) in call to " + quoted + ", got " + n);
        }
        for (int i = 0; i < n; i++) {
            expectType(args.get(i), fn.argType(i), "call to function " + quoted);
        }
        List<Expr> exprs = args.stream().map(Parsed::expr).toList();
        return new Parsed(new Call(fn.name(), exprs, fn.returnType()), name.start(), 1 + maxDepth(args));
    }

    Parsed aggregate(Token opToken, AggregateOp op, List<Parsed> args, List<String> grouping, boolean without) {
        int want = op.hasParam() ? 2 : 1;
        if (args.size() != want) {
            throw in.error(opToken.start(), "wrong number of arguments for aggregate expression provided, expected "
                    + want + ", got " + args.size());
        }
        Parsed body = args.get(want - 1);
        expectType(body, ValueType.VECTOR, "aggregation expression");
        Parsed param = op.hasParam() ? args.get(0) : null;
        if (param != null) {
            expectType(param, op == AggregateOp.COUNT_VALUES ? ValueType.STRING : ValueType.SCALAR, "aggregation parameter");
        }
        Aggregate agg = new Aggregate(op, body.expr(), param == null ? null : param.expr(), grouping, without);
        return new Parsed(agg, opToken.start(), 1 + maxDepth(args));
    }

    Parsed binary(Token opToken, BinaryOp op, Parsed lhs, Parsed rhs, boolean returnBool, VectorMatching matching) {
        ValueType lt = lhs.expr().type();
        ValueType rt = rhs.expr().type();
        if (lt != ValueType.SCALAR && lt != ValueType.VECTOR) {
            throw in.error(lhs.start(), "binary expression must contain only scalar and instant vector types, got "
                    + describe(lt) + " on the left of \"" + op.symbol() + "\"");
        }
        if (rt != ValueType.SCALAR && rt != ValueType.VECTOR) {
            throw in.error(rhs.start(), "binary expression must contain only scalar and instant vector types, got "
                    + describe(rt) + " on the right of \"" + op.symbol() + "\"");
        }
        if (op.isComparison() && !returnBool && lt == ValueType.SCALAR && rt == ValueType.SCALAR) {
            throw in.error(opToken.start(), "comparisons between scalars must use BOOL modifier");
        }
        if (op.isSetOperator() && (lt == ValueType.SCALAR || rt == ValueType.SCALAR)) {
            throw in.error(opToken.start(), "set operator \"" + op.symbol() + "\" not allowed in binary scalar expression");
        }
        VectorMatching m = matching;
        if (lt != ValueType.VECTOR || rt != ValueType.VECTOR) {
            if (!m.matchingLabels().isEmpty()) {
                throw in.error(opToken.start(), "vector matching only allowed between instant vectors");
            }
            m = null;
        } else if (op.isSetOperator()) {
            if (m.cardinality() != Cardinality.ONE_TO_ONE) {
                throw in.error(opToken.start(), "no grouping allowed for \"" + op.symbol() + "\" operation");
            }
            m = new VectorMatching(Cardinality.MANY_TO_MANY, m.matchingLabels(), m.on(), m.include());
        }
        if (m != null && m.on()) {
            for (String label : m.include()) {
                if (m.matchingLabels().contains(label)) {
                    throw in.error(opToken.start(), "label \"" + label + "\" must not occur in ON and GROUP clause at once");
                }
            }
        }
        Binary b = new Binary(op, lhs.expr(), rhs.expr(), returnBool, m);
        return new Parsed(b, lhs.start(), 1 + Math.max(lhs.depth(), rhs.depth()));
    }

    Parsed unary(Token sign, Parsed operand) {
        ValueType t = operand.expr().type();
        if (t != ValueType.SCALAR && t != ValueType.VECTOR) {
            throw in.error(sign.start(), "unary expression only allowed on expressions of type scalar or instant vector, got "
                    + describe(t));
        }
        return operand.wrap(new Unary(sign.kind() == TokenKind.SUB, operand.expr()), sign.start());
    }

    private static int maxDepth(List<Parsed> args) {
        int max = 0;
        for (Parsed p : args) {
            max = Math.max(max, p.depth());
        }
        return max;
    }
}

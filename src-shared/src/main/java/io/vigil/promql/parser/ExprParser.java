package io.vigil.promql.parser;

import io.vigil.promql.ast.AggregateOp;
import io.vigil.promql.ast.BinaryOp;
import io.vigil.promql.ast.NumberLiteral;
import io.vigil.promql.ast.Paren;
import io.vigil.promql.ast.StringLiteral;
import io.vigil.promql.ast.VectorMatching;
import io.vigil.promql.ast.VectorMatching.Cardinality;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Precedence-climbing parser for PromQL expressions. Operator precedence and associativity come from
 * {@link BinaryOp}; unary minus binds like {@code *} (so {@code -2^2} is -4), and a sign directly on a
 * number literal is folded into it, as Prometheus does. Recursion is bounded by
 * {@link PromqlParser#MAX_DEPTH}, and so is the depth of the tree built, so nothing that later walks
 * the tree recursively can overflow the stack.
 */
final class ExprParser {
    /** Words that are keywords wherever an expression could start, so they cannot name a metric there. */
    private static final Set<String> NOT_METRIC_NAMES = Set.of("bool", "on", "ignoring", "group_left", "group_right", "atan2");

    private final TokenCursor in;
    private final Numbers numbers;
    private final SelectorParser selectors;
    private final PostfixParser postfix;
    private final TypeRules types;
    private int nesting;

    ExprParser(TokenCursor in) {
        this.in = in;
        this.numbers = new Numbers(in);
        this.selectors = new SelectorParser(in);
        this.postfix = new PostfixParser(in, numbers);
        this.types = new TypeRules(in);
    }

    SelectorParser selectors() {
        return selectors;
    }

    /** An expression whose binary operators all have precedence {@code >= minPrecedence}. */
    Parsed expr(int minPrecedence) {
        if (++nesting > PromqlParser.MAX_DEPTH) {
            throw in.error(in.peek().start(), "expression nested too deeply (more than " + PromqlParser.MAX_DEPTH + " levels)");
        }
        Parsed lhs = unary();
        while (true) {
            Token opToken = in.peek();
            BinaryOp op = binaryOp(opToken);
            if (op == null || op.precedence() < minPrecedence) {
                break;
            }
            in.next();
            lhs = binaryRest(opToken, op, lhs);
            if (lhs.depth() > PromqlParser.MAX_DEPTH) {
                throw in.error(opToken.start(), "expression nested too deeply (more than " + PromqlParser.MAX_DEPTH + " levels)");
            }
        }
        nesting--;
        return lhs;
    }

    private Parsed binaryRest(Token opToken, BinaryOp op, Parsed lhs) {
        boolean returnBool = false;
        if (in.atKeyword("bool")) {
            if (!op.isComparison()) {
                throw in.error(in.peek().start(), "bool modifier can only be used on comparison operators");
            }
            in.next();
            returnBool = true;
        }
        VectorMatching matching = VectorMatching.DEFAULT;
        if (in.atKeyword("on") || in.atKeyword("ignoring")) {
            boolean on = in.next().isKeyword("on");
            List<String> labels = selectors.labelList("grouping opts");
            Cardinality cardinality = Cardinality.ONE_TO_ONE;
            List<String> include = List.of();
            if (in.atKeyword("group_left") || in.atKeyword("group_right")) {
                cardinality = in.next().isKeyword("group_left") ? Cardinality.MANY_TO_ONE : Cardinality.ONE_TO_MANY;
                if (in.at(TokenKind.LEFT_PAREN)) {
                    include = selectors.labelList("grouping opts");
                }
            }
            matching = new VectorMatching(cardinality, labels, on, include);
        }
        int rhsMin = op.rightAssociative() ? op.precedence() : op.precedence() + 1;
        Parsed rhs = expr(rhsMin);
        return types.binary(opToken, op, lhs, rhs, returnBool, matching);
    }

    private Parsed unary() {
        Token sign = in.peek();
        if (sign.kind() != TokenKind.ADD && sign.kind() != TokenKind.SUB) {
            return postfix.apply(primary());
        }
        in.next();
        // Only "^" binds tighter than a sign.
        Parsed operand = expr(BinaryOp.POW.precedence());
        if (operand.expr() instanceof NumberLiteral n) {
            double v = sign.kind() == TokenKind.SUB ? -n.value() : n.value();
            return new Parsed(new NumberLiteral(v), sign.start(), operand.depth());
        }
        return types.unary(sign, operand);
    }

    private Parsed primary() {
        Token t = in.peek();
        return switch (t.kind()) {
            case NUMBER -> {
                in.next();
                yield new Parsed(new NumberLiteral(numbers.number(t)), t.start(), 1);
            }
            case DURATION -> {
                in.next();
                yield new Parsed(new NumberLiteral(numbers.durationMillis(t) / 1000.0), t.start(), 1);
            }
            case STRING -> {
                in.next();
                yield new Parsed(new StringLiteral(t.value()), t.start(), 1);
            }
            case LEFT_PAREN -> {
                in.next();
                Parsed inner = expr(0);
                in.expect(TokenKind.RIGHT_PAREN, "paren expression", "\")\"");
                yield inner.wrap(new Paren(inner.expr()), t.start());
            }
            case LEFT_BRACE -> selectors.selector(null);
            case IDENTIFIER -> identifier(t);
            default -> throw in.unexpected(null, null);
        };
    }

    private Parsed identifier(Token t) {
        String lower = t.lowerText();
        if (lower.equals("inf") || lower.equals("nan")) {
            in.next();
            return new Parsed(new NumberLiteral(numbers.number(t)), t.start(), 1);
        }
        Token after = in.peek(1);
        AggregateOp agg = aggregateOp(lower);
        if (agg != null && (after.kind() == TokenKind.LEFT_PAREN || after.isKeyword("by") || after.isKeyword("without"))) {
            return aggregate(agg);
        }
        if (after.kind() == TokenKind.LEFT_PAREN && t.text().indexOf(':') < 0) {
            return call();
        }
        if (NOT_METRIC_NAMES.contains(lower)) {
            throw in.unexpected(null, null);
        }
        return selectors.selector(t);
    }

    private Parsed call() {
        Token name = in.next();
        FunctionSignature fn = Functions.lookup(name.text());
        if (fn == null) {
            throw in.error(name.start(), "unknown function with name \"" + name.text() + "\"");
        }
        return types.call(name, fn, arguments("call to function \"" + name.text() + "\""));
    }

    private Parsed aggregate(AggregateOp op) {
        Token opToken = in.next();
        List<String> grouping = List.of();
        boolean without = false;
        boolean modifierFirst = in.atKeyword("by") || in.atKeyword("without");
        if (modifierFirst) {
            without = in.next().isKeyword("without");
            grouping = selectors.labelList("grouping opts");
        }
        List<Parsed> args = arguments("aggregation");
        if (!modifierFirst && (in.atKeyword("by") || in.atKeyword("without"))) {
            without = in.next().isKeyword("without");
            grouping = selectors.labelList("grouping opts");
        }
        return types.aggregate(opToken, op, args, grouping, without);
    }

    /** {@code ( expr, expr, … )} of a call or aggregation. */
    private List<Parsed> arguments(String context) {
        in.expect(TokenKind.LEFT_PAREN, context, "\"(\"");
        List<Parsed> args = new ArrayList<>();
        if (in.at(TokenKind.RIGHT_PAREN)) {
            in.next();
            return args;
        }
        while (true) {
            args.add(expr(0));
            if (in.at(TokenKind.COMMA)) {
                Token comma = in.next();
                if (in.at(TokenKind.RIGHT_PAREN)) {
                    throw in.error(comma.start(), "trailing commas not allowed in function call args");
                }
            } else {
                in.expect(TokenKind.RIGHT_PAREN, context, "\",\" or \")\"");
                return args;
            }
        }
    }

    private static AggregateOp aggregateOp(String lower) {
        for (AggregateOp op : AggregateOp.values()) {
            if (op.keyword().equals(lower)) {
                return op;
            }
        }
        return null;
    }

    private static BinaryOp binaryOp(Token t) {
        return switch (t.kind()) {
            case ADD -> BinaryOp.ADD;
            case SUB -> BinaryOp.SUB;
            case MUL -> BinaryOp.MUL;
            case DIV -> BinaryOp.DIV;
            case MOD -> BinaryOp.MOD;
            case POW -> BinaryOp.POW;
            case EQL -> BinaryOp.EQL;
            case NEQ -> BinaryOp.NEQ;
            case LSS -> BinaryOp.LSS;
            case GTR -> BinaryOp.GTR;
            case LTE -> BinaryOp.LTE;
            case GTE -> BinaryOp.GTE;
            case IDENTIFIER -> switch (t.text().toLowerCase(Locale.ROOT)) {
                case "and" -> BinaryOp.AND;
                case "or" -> BinaryOp.OR;
                case "unless" -> BinaryOp.UNLESS;
                case "atan2" -> BinaryOp.ATAN2;
                default -> null;
            };
            default -> null;
        };
    }
}

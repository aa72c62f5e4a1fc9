package io.vigil.promql.parser;

import io.vigil.promql.ast.AtModifier;
import io.vigil.promql.ast.Expr;
import io.vigil.promql.ast.MatrixSelector;
import io.vigil.promql.ast.Subquery;
import io.vigil.promql.ast.ValueType;
import io.vigil.promql.ast.VectorSelector;

/**
 * What can follow an expression and binds tighter than any operator: a range ({@code [5m]}), a
 * subquery ({@code [1h:5m]}), {@code offset} and {@code @}. Offset and {@code @} only apply to
 * selectors and subqueries, once each, in either order.
 */
final class PostfixParser {
    private static final String MODIFIER_TARGETS = "an instant vector selector or range vector selector or a subquery";

    private final TokenCursor in;
    private final Numbers numbers;

    PostfixParser(TokenCursor in, Numbers numbers) {
        this.in = in;
        this.numbers = numbers;
    }

    Parsed apply(Parsed e) {
        Parsed current = e;
        while (true) {
            if (in.at(TokenKind.LEFT_BRACKET)) {
                current = rangeOrSubquery(current);
            } else if (in.atKeyword("offset")) {
                current = offset(current);
            } else if (in.at(TokenKind.AT)) {
                current = at(current);
            } else {
                return current;
            }
        }
    }

    private Parsed rangeOrSubquery(Parsed e) {
        Token open = in.next();
        long range = duration("subquery selector", "number or duration");
        if (range <= 0) {
            throw in.error(open.start() + 1, "range must be greater than 0");
        }
        if (in.at(TokenKind.RIGHT_BRACKET)) {
            in.next();
            String problem = null;
            if (!(e.expr() instanceof VectorSelector vs)) {
                problem = "ranges only allowed for vector selectors";
            } else if (vs.offsetMillis() != 0) {
                problem = "no offset modifiers allowed before range";
            } else if (vs.at().present()) {
                problem = "no @ modifiers allowed before range";
            }
            if (problem != null) {
                throw in.error(open.start(), problem);
            }
            return e.wrap(new MatrixSelector((VectorSelector) e.expr(), range), e.start());
        }
        in.expect(TokenKind.COLON, "subquery or range", "\":\" or \"]\"");
        long step = 0;
        if (!in.at(TokenKind.RIGHT_BRACKET)) {
            step = duration("subquery selector", "number or duration or \"]\"");
        }
        in.expect(TokenKind.RIGHT_BRACKET, "subquery selector", "\"]\"");
        if (e.expr().type() != ValueType.VECTOR) {
            throw in.error(e.start(), "subquery is only allowed on instant vector, got "
                    + TypeRules.describe(e.expr().type()) + " instead");
        }
        return e.wrap(new Subquery(e.expr(), range, step, 0, AtModifier.NONE), e.start());
    }

    private long duration(String context, String expected) {
        Token t = in.peek();
        if (t.kind() != TokenKind.DURATION && t.kind() != TokenKind.NUMBER) {
            throw in.unexpected(context, expected);
        }
        in.next();
        return numbers.durationMillis(t);
    }

    private Parsed offset(Parsed e) {
        Token keyword = in.next();
        boolean negative = false;
        if (in.at(TokenKind.SUB)) {
            in.next();
            negative = true;
        }
        long millis = duration("offset", "number or duration");
        long offset = negative ? -millis : millis;
        Expr changed = switch (e.expr()) {
            case VectorSelector v -> {
                checkOffsetUnset(v.offsetMillis(), keyword);
                yield withModifiers(v, offset, v.at());
            }
            case MatrixSelector m -> {
                checkOffsetUnset(m.selector().offsetMillis(), keyword);
                yield new MatrixSelector(withModifiers(m.selector(), offset, m.selector().at()), m.rangeMillis());
            }
            case Subquery s -> {
                checkOffsetUnset(s.offsetMillis(), keyword);
                yield new Subquery(s.expr(), s.rangeMillis(), s.stepMillis(), offset, s.at());
            }
            default -> throw in.error(keyword.start(), "offset modifier must be preceded by " + MODIFIER_TARGETS);
        };
        return new Parsed(changed, e.start(), e.depth());
    }

    private void checkOffsetUnset(long current, Token keyword) {
        if (current != 0) {
            throw in.error(keyword.start(), "offset may not be set multiple times");
        }
    }

    private Parsed at(Parsed e) {
        Token atToken = in.next();
        AtModifier at;
        if (in.atKeyword("start") || in.atKeyword("end")) {
            Token which = in.next();
            in.expect(TokenKind.LEFT_PAREN, "@", "\"(\"");
            in.expect(TokenKind.RIGHT_PAREN, "@", "\")\"");
            at = new AtModifier(which.isKeyword("start") ? AtModifier.Kind.START : AtModifier.Kind.END, 0);
        } else {
            boolean negative = false;
            if (in.at(TokenKind.SUB) || in.at(TokenKind.ADD)) {
                negative = in.next().kind() == TokenKind.SUB;
            }
            Token number = in.expect(TokenKind.NUMBER, "@", "timestamp");
            at = AtModifier.at(numbers.timestampMillis(number, negative));
        }
        Expr changed = switch (e.expr()) {
            case VectorSelector v -> {
                checkAtUnset(v.at(), atToken);
                yield withModifiers(v, v.offsetMillis(), at);
            }
            case MatrixSelector m -> {
                checkAtUnset(m.selector().at(), atToken);
                yield new MatrixSelector(withModifiers(m.selector(), m.selector().offsetMillis(), at), m.rangeMillis());
            }
            case Subquery s -> {
                checkAtUnset(s.at(), atToken);
                yield new Subquery(s.expr(), s.rangeMillis(), s.stepMillis(), s.offsetMillis(), at);
            }
            default -> throw in.error(atToken.start(), "@ modifier must be preceded by " + MODIFIER_TARGETS);
        };
        return new Parsed(changed, e.start(), e.depth());
    }

    private void checkAtUnset(AtModifier current, Token atToken) {
        if (current.present()) {
            throw in.error(atToken.start(), "@ <timestamp> may not be set multiple times");
        }
    }

    private static VectorSelector withModifiers(VectorSelector v, long offset, AtModifier at) {
        return new VectorSelector(v.name(), v.matchers(), offset, at);
    }
}

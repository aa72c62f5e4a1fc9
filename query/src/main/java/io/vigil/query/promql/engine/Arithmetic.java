package io.vigil.query.promql.engine;

import io.vigil.promql.ast.BinaryOp;

/** The element operations of binary operators, on plain doubles (IEEE rules for 0, Inf and NaN). */
final class Arithmetic {
    private Arithmetic() {
    }

    static double apply(BinaryOp op, double l, double r) {
        return switch (op) {
            case ADD -> l + r;
            case SUB -> l - r;
            case MUL -> l * r;
            case DIV -> l / r;
            case MOD -> l % r;
            case POW -> Math.pow(l, r);
            case ATAN2 -> Math.atan2(l, r);
            default -> throw new IllegalArgumentException(op.symbol());
        };
    }

    static boolean compare(BinaryOp op, double l, double r) {
        return switch (op) {
            case EQL -> l == r;
            case NEQ -> l != r;
            case LSS -> l < r;
            case GTR -> l > r;
            case LTE -> l <= r;
            case GTE -> l >= r;
            default -> throw new IllegalArgumentException(op.symbol());
        };
    }
}

package io.vigil.query.cache;

import io.vigil.promql.ast.Aggregate;
import io.vigil.promql.ast.Binary;
import io.vigil.promql.ast.Call;
import io.vigil.promql.ast.Expr;
import io.vigil.promql.ast.MatrixSelector;
import io.vigil.promql.ast.NumberLiteral;
import io.vigil.promql.ast.Paren;
import io.vigil.promql.ast.StringLiteral;
import io.vigil.promql.ast.Subquery;
import io.vigil.promql.ast.Unary;
import io.vigil.promql.ast.VectorSelector;

/**
 * Which samples an expression evaluated at time t reads: those in [t - behind, t + ahead]. A block
 * of results depends exactly on the samples of its points' windows, so this tells which hours' late
 * marks a cached block must honour and when a block is closed.
 *
 * @param behindMillis how far before t the oldest sample read may lie (lookback or range, plus offsets)
 * @param aheadMillis how far after t a sample may be read (negative offsets)
 */
public record DataWindow(long behindMillis, long aheadMillis) {
    private static final DataWindow NONE = new DataWindow(0, 0);

    /**
     * The window of an expression, or null when its answer does not depend on t alone: an {@code @}
     * modifier pins data to a time of its own (or to the query's start/end), so blocks of such a query
     * would not be independent of the query's range.
     */
    public static DataWindow of(Expr expr, long lookbackMillis) {
        return switch (expr) {
            case NumberLiteral n -> NONE;
            case StringLiteral s -> NONE;
            case VectorSelector v -> v.at().present() ? null : shifted(lookbackMillis, v.offsetMillis());
            case MatrixSelector m -> m.selector().at().present() ? null
                    : shifted(m.rangeMillis(), m.selector().offsetMillis());
            case Subquery s -> {
                DataWindow inner = of(s.expr(), lookbackMillis);
                if (inner == null || s.at().present()) {
                    yield null;
                }
                // Inner points lie in [t - offset - range, t - offset], each reading its own window.
                yield new DataWindow(s.offsetMillis() + s.rangeMillis() + inner.behindMillis,
                        Math.max(0, inner.aheadMillis - s.offsetMillis()));
            }
            case Call c -> {
                DataWindow w = NONE;
                for (Expr arg : c.args()) {
                    w = union(w, of(arg, lookbackMillis));
                }
                yield w;
            }
            case Aggregate a -> union(of(a.expr(), lookbackMillis), a.param() == null ? NONE : of(a.param(), lookbackMillis));
            case Binary b -> union(of(b.lhs(), lookbackMillis), of(b.rhs(), lookbackMillis));
            case Unary u -> of(u.expr(), lookbackMillis);
            case Paren p -> of(p.expr(), lookbackMillis);
        };
    }

    private static DataWindow shifted(long span, long offset) {
        return new DataWindow(Math.max(0, span + offset), Math.max(0, -offset));
    }

    private static DataWindow union(DataWindow a, DataWindow b) {
        if (a == null || b == null) {
            return null;
        }
        return new DataWindow(Math.max(a.behindMillis, b.behindMillis), Math.max(a.aheadMillis, b.aheadMillis));
    }
}

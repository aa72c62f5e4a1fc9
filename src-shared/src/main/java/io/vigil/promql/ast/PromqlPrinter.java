package io.vigil.promql.ast;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Prints an AST as canonical PromQL: one space around binary operators, {@code ", "} between
 * arguments and matchers, durations in their shortest unit form ({@code 90m} prints as {@code 1h30m}),
 * numbers in their shortest exact form, strings double-quoted. Queries that differ only in formatting
 * print the same text, and parsing the printed text gives back an equal AST; the query tier relies
 * on both (the text is a cache key).
 *
 * <pre>{@code
 * PromqlPrinter.print(PromqlParser.parse("sum  by(job)(rate(x[300s]))"))  // sum by (job) (rate(x[5m]))
 * }</pre>
 */
public final class PromqlPrinter {
    /** Words that the parser reads as keywords even where a metric name could stand. */
    private static final Set<String> RESERVED_METRIC_WORDS =
            Set.of("bool", "on", "ignoring", "group_left", "group_right", "atan2", "inf", "nan");

    private static final long[] UNIT_MILLIS = {365L * 86_400_000, 7L * 86_400_000, 86_400_000, 3_600_000, 60_000, 1000, 1};
    private static final String[] UNIT_NAMES = {"y", "w", "d", "h", "m", "s", "ms"};

    private PromqlPrinter() {
    }

    public static String print(Expr expr) {
        StringBuilder out = new StringBuilder();
        append(out, expr);
        return out.toString();
    }

    public static String print(LabelMatcher matcher) {
        StringBuilder out = new StringBuilder();
        appendMatcher(out, matcher);
        return out.toString();
    }

    public static String print(VectorMatching matching) {
        StringBuilder out = new StringBuilder();
        appendMatching(out, matching);
        return out.toString().stripLeading();
    }

    public static String print(AtModifier at) {
        StringBuilder out = new StringBuilder();
        appendAt(out, at);
        return out.toString().stripLeading();
    }

    private static void append(StringBuilder out, Expr expr) {
        switch (expr) {
            case NumberLiteral n -> out.append(formatNumber(n.value()));
            case StringLiteral s -> out.append(quote(s.value()));
            case VectorSelector v -> {
                appendSelectorBody(out, v);
                appendModifiers(out, v.at(), v.offsetMillis());
            }
            case MatrixSelector m -> {
                appendSelectorBody(out, m.selector());
                out.append('[').append(formatDuration(m.rangeMillis())).append(']');
                appendModifiers(out, m.selector().at(), m.selector().offsetMillis());
            }
            case Subquery s -> {
                appendOperand(out, s.expr(), needsParensAsPostfixOperand(s.expr()));
                out.append('[').append(formatDuration(s.rangeMillis())).append(':');
                if (s.stepMillis() != 0) {
                    out.append(formatDuration(s.stepMillis()));
                }
                out.append(']');
                appendModifiers(out, s.at(), s.offsetMillis());
            }
            case Call c -> {
                out.append(c.function()).append('(');
                appendArgs(out, c.args());
                out.append(')');
            }
            case Aggregate a -> appendAggregate(out, a);
            case Binary b -> appendBinary(out, b);
            case Unary u -> {
                out.append(u.negate() ? '-' : '+');
                Expr inner = u.expr();
                boolean parens = inner instanceof Binary b && b.op() != BinaryOp.POW
                        || inner instanceof NumberLiteral;
                appendOperand(out, inner, parens);
            }
            case Paren p -> {
                out.append('(');
                append(out, p.expr());
                out.append(')');
            }
        }
    }

    private static void appendAggregate(StringBuilder out, Aggregate a) {
        out.append(a.op().keyword());
        if (a.without() || !a.grouping().isEmpty()) {
            out.append(a.without() ? " without " : " by ");
            appendLabelList(out, a.grouping());
            out.append(' ');
        }
        out.append('(');
        if (a.param() != null) {
            append(out, a.param());
            out.append(", ");
        }
        append(out, a.expr());
        out.append(')');
    }

    private static void appendBinary(StringBuilder out, Binary b) {
        int prec = b.op().precedence();
        Expr lhs = b.lhs();
        Expr rhs = b.rhs();
        // Parsed trees keep the author's parentheses as Paren nodes, so these only trigger for
        // trees built in code; they keep the printed text meaning what the tree means.
        boolean lhsParens = lhs instanceof Binary l && (l.op().precedence() < prec
                || l.op().precedence() == prec && b.op().rightAssociative())
                || lhs instanceof Unary && b.op() == BinaryOp.POW
                || lhs instanceof NumberLiteral n && b.op() == BinaryOp.POW && isNegative(n.value());
        boolean rhsParens = rhs instanceof Binary r && (r.op().precedence() < prec
                || r.op().precedence() == prec && !b.op().rightAssociative());
        appendOperand(out, lhs, lhsParens);
        out.append(' ').append(b.op().symbol());
        if (b.returnBool()) {
            out.append(" bool");
        }
        if (b.matching() != null) {
            appendMatching(out, b.matching());
        }
        out.append(' ');
        appendOperand(out, rhs, rhsParens);
    }

    private static void appendMatching(StringBuilder out, VectorMatching m) {
        boolean grouped = m.cardinality() == VectorMatching.Cardinality.MANY_TO_ONE
                || m.cardinality() == VectorMatching.Cardinality.ONE_TO_MANY;
        if (m.on() || !m.matchingLabels().isEmpty() || grouped) {
            out.append(m.on() ? " on " : " ignoring ");
            appendLabelList(out, m.matchingLabels());
        }
        if (grouped) {
            out.append(m.cardinality() == VectorMatching.Cardinality.MANY_TO_ONE ? " group_left" : " group_right");
            if (!m.include().isEmpty()) {
                out.append(' ');
                appendLabelList(out, m.include());
            }
        }
    }

    private static void appendOperand(StringBuilder out, Expr e, boolean parens) {
        if (parens) {
            out.append('(');
        }
        append(out, e);
        if (parens) {
            out.append(')');
        }
    }

    private static boolean needsParensAsPostfixOperand(Expr e) {
        return e instanceof Binary || e instanceof Unary
                || e instanceof NumberLiteral n && isNegative(n.value());
    }

    private static boolean isNegative(double v) {
        return v < 0 || v == 0 && 1 / v < 0;
    }

    private static void appendArgs(StringBuilder out, List<Expr> args) {
        for (int i = 0; i < args.size(); i++) {
            if (i > 0) {
                out.append(", ");
            }
            append(out, args.get(i));
        }
    }

    private static void appendSelectorBody(StringBuilder out, VectorSelector v) {
        String name = v.name();
        boolean bareName = name != null && isBareMetricName(name);
        if (bareName) {
            out.append(name);
        }
        StringBuilder inner = new StringBuilder();
        if (name != null && !bareName) {
            inner.append(quote(name));
        }
        boolean nameMatcherSkipped = false;
        for (LabelMatcher m : v.matchers()) {
            if (name != null && !nameMatcherSkipped && isNameMatcher(m, name)) {
                nameMatcherSkipped = true;
                continue;
            }
            if (!inner.isEmpty()) {
                inner.append(", ");
            }
            appendMatcher(inner, m);
        }
        if (!inner.isEmpty() || name == null) {
            out.append('{').append(inner).append('}');
        }
    }

    private static boolean isNameMatcher(LabelMatcher m, String name) {
        return m.name().equals(LabelMatcher.METRIC_NAME) && m.type() == LabelMatcher.MatchType.EQUAL
                && m.value().equals(name);
    }

    private static void appendMatcher(StringBuilder out, LabelMatcher m) {
        out.append(formatLabelName(m.name())).append(m.type().symbol()).append(quote(m.value()));
    }

    private static void appendModifiers(StringBuilder out, AtModifier at, long offsetMillis) {
        appendAt(out, at);
        if (offsetMillis != 0) {
            out.append(" offset ");
            if (offsetMillis < 0) {
                out.append('-');
            }
            out.append(formatDuration(Math.abs(offsetMillis)));
        }
    }

    private static void appendAt(StringBuilder out, AtModifier at) {
        switch (at.kind()) {
            case NONE -> {
            }
            case START -> out.append(" @ start()");
            case END -> out.append(" @ end()");
            case TIMESTAMP -> out.append(" @ ")
                    .append(BigDecimal.valueOf(at.timestampMillis(), 3).stripTrailingZeros().toPlainString());
        }
    }

    private static void appendLabelList(StringBuilder out, List<String> labels) {
        out.append('(');
        for (int i = 0; i < labels.size(); i++) {
            if (i > 0) {
                out.append(", ");
            }
            out.append(formatLabelName(labels.get(i)));
        }
        out.append(')');
    }

    /** A label name as written in a matcher or label list: bare when it is a classic name, else quoted. */
    public static String formatLabelName(String name) {
        return isLegacyName(name, false) ? name : quote(name);
    }

    /** True when {@code name} can stand unquoted before braces and is not read as a keyword there. */
    public static boolean isBareMetricName(String name) {
        return isLegacyName(name, true) && !RESERVED_METRIC_WORDS.contains(name.toLowerCase(Locale.ROOT));
    }

    private static boolean isLegacyName(String name, boolean allowColon) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || allowColon && c == ':'
                    || i > 0 && c >= '0' && c <= '9';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** Shortest text that parses back to exactly {@code v}: {@code 1}, {@code 0.5}, {@code 1e+300}, {@code -Inf}. */
    public static String formatNumber(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "Inf" : "-Inf";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return (isNegative(v) ? "-" : "") + Long.toString(Math.abs((long) v));
        }
        String s = Double.toString(v);
        int e = s.indexOf('E');
        if (e < 0) {
            return s;
        }
        String mantissa = s.substring(0, e);
        if (mantissa.endsWith(".0")) {
            mantissa = mantissa.substring(0, mantissa.length() - 2);
        }
        return mantissa + "e" + s.substring(e + 1);
    }

    /** Milliseconds as a Prometheus duration, largest units first: {@code 1h30m}, {@code 1s500ms}, {@code 0s}. */
    public static String formatDuration(long millis) {
        if (millis == 0) {
            return "0s";
        }
        StringBuilder out = new StringBuilder();
        long rest = millis;
        for (int i = 0; i < UNIT_MILLIS.length; i++) {
            long n = rest / UNIT_MILLIS[i];
            if (n > 0) {
                out.append(n).append(UNIT_NAMES[i]);
                rest -= n * UNIT_MILLIS[i];
            }
        }
        return out.toString();
    }

    /** A double-quoted PromQL string literal for {@code s}, escaping quotes, backslashes and control characters. */
    public static String quote(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        out.append(String.format(Locale.ROOT, "\\x%02x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}

package io.vigil.query.storage;

import io.vigil.query.promql.QueryContext;

/**
 * A label value as a regex matcher reads it, checking the query's deadline every few thousand
 * characters read: java.util.regex backtracks, and a pattern like {@code (a|a)*b} on a long value
 * would otherwise run for minutes with no way to stop it. One instance per lookup, reused per value.
 */
final class DeadlineText implements CharSequence {
    private final QueryContext context;
    private String value = "";
    private int reads;

    DeadlineText(QueryContext context) {
        this.context = context;
    }

    DeadlineText of(String v) {
        value = v;
        return this;
    }

    @Override
    public char charAt(int index) {
        if ((++reads & 0xFFF) == 0) {
            context.checkDeadline();
        }
        return value.charAt(index);
    }

    @Override
    public int length() {
        return value.length();
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return value.subSequence(start, end);
    }

    @Override
    public String toString() {
        return value;
    }
}

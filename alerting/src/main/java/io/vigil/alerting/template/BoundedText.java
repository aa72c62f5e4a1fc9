package io.vigil.alerting.template;

/**
 * Text for Java's backtracking regex engine that stops a pattern doing too much work: Go's RE2 is linear
 * in the input, Java's can take exponential time on patterns like {@code (a+)+$}, and a template must not
 * stall rule evaluation.
 */
final class BoundedText implements CharSequence {
    /** Character reads allowed per match call; linear patterns over label values need far fewer. */
    static final long MAX_READS = 10_000_000L;

    static final class TooMuchWork extends RuntimeException {
        TooMuchWork() {
            super("the regular expression needs too much backtracking on this text (more than " + MAX_READS
                    + " steps); simplify the pattern", null, false, false);
        }
    }

    private final String text;
    private final long[] reads;

    BoundedText(String text) {
        this(text, new long[1]);
    }

    private BoundedText(String text, long[] reads) {
        this.text = text;
        this.reads = reads;
    }

    @Override
    public char charAt(int index) {
        if (++reads[0] > MAX_READS) {
            throw new TooMuchWork();
        }
        return text.charAt(index);
    }

    @Override
    public int length() {
        return text.length();
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return new BoundedText(text.substring(start, end), reads);
    }

    @Override
    public String toString() {
        return text;
    }
}

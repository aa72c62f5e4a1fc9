package io.vigil.alerting.template;

/**
 * A template that does not parse or fails while executing. The message reads like Go's text/template:
 * {@code template: summary:1:12: function "humanise" not defined}.
 */
public class TemplateException extends Exception {
    private final int line;
    private final int column;

    public TemplateException(String message, int line, int column) {
        super(message);
        this.line = line;
        this.column = column;
    }

    /** 1-based line in the template text, 0 when not known. */
    public int line() {
        return line;
    }

    /** 1-based column (in characters) in the template text, 0 when not known. */
    public int column() {
        return column;
    }
}

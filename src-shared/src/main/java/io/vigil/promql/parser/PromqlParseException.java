package io.vigil.promql.parser;

/**
 * A query that is not valid PromQL. The message reads like Prometheus's:
 * {@code 1:14: parse error: unexpected "}" in label matching, expected string}.
 */
public class PromqlParseException extends RuntimeException {
    private final int position;
    private final int line;
    private final int column;
    private final String reason;

    public PromqlParseException(String query, int position, String reason) {
        this(position, lineOf(query, position), columnOf(query, position), reason);
    }

    private PromqlParseException(int position, int line, int column, String reason) {
        super(line + ":" + column + ": parse error: " + reason);
        this.position = position;
        this.line = line;
        this.column = column;
        this.reason = reason;
    }

    /** 0-based character offset into the query where the problem is. */
    public int position() {
        return position;
    }

    /** 1-based line of {@link #position()}. */
    public int line() {
        return line;
    }

    /** 1-based column (in characters) of {@link #position()} within its line. */
    public int column() {
        return column;
    }

    /** The message without the {@code line:column: parse error: } prefix. */
    public String reason() {
        return reason;
    }

    private static int lineOf(String query, int position) {
        int line = 1;
        for (int i = 0; i < Math.min(position, query.length()); i++) {
            if (query.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    private static int columnOf(String query, int position) {
        int end = Math.min(position, query.length());
        int lastBreak = end == 0 ? -1 : query.lastIndexOf('\n', end - 1);
        return position - lastBreak;
    }
}

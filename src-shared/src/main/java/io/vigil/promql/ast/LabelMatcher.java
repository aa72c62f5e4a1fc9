package io.vigil.promql.ast;

/**
 * One label matcher of a selector. The metric name is matched as the label {@code __name__}. Regex
 * matchers are fully anchored, as in Prometheus: {@code host=~"web.*"} matches the whole value.
 * A matcher that matches the empty string also matches series that lack the label.
 */
public record LabelMatcher(String name, MatchType type, String value) {
    public static final String METRIC_NAME = "__name__";

    public enum MatchType {
        EQUAL("="), NOT_EQUAL("!="), REGEX("=~"), NOT_REGEX("!~");

        private final String symbol;

        MatchType(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }
    }

    /** Canonical PromQL text; see {@link PromqlPrinter}. */
    @Override
    public String toString() {
        return PromqlPrinter.print(this);
    }
}

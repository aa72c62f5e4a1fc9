package io.vigil.query.range;

import java.util.Map;

/**
 * The native range query as PromQL: {@code metric=cpu.load&match=env:prod&agg=avg&by=region} becomes
 * {@code sum by (region) (sum_over_time({__name__="cpu.load", env="prod"}[60000ms])) / sum by (region)
 * (count_over_time(...))}. The metric name goes in a {@code __name__} matcher because Vigil's metric
 * names may contain dots; label names were checked by {@link RangeRequest}.
 */
public final class RangePromql {
    private RangePromql() {
    }

    public static String of(RangeRequest r, long stepMillis) {
        StringBuilder selector = new StringBuilder().append("{__name__=");
        quote(selector, r.metric());
        for (Map.Entry<String, String> m : r.matchers().entrySet()) {
            selector.append(", ").append(m.getKey()).append('=');
            quote(selector, m.getValue());
        }
        selector.append('}');
        String grouping = "by (" + String.join(", ", r.by()) + ")";
        return r.aggregation().promql(selector.toString(), stepMillis, grouping);
    }

    private static void quote(StringBuilder sb, String value) {
        sb.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                default -> sb.append(c);
            }
        }
        sb.append('"');
    }
}

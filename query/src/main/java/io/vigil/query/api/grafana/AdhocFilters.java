package io.vigil.query.api.grafana;

import io.vigil.query.api.prometheus.ApiParams;
import io.vigil.query.promql.LabelSet;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Grafana's ad hoc filters ({@code host = web1}, {@code pool =~ web.*}) applied to the series of an
 * answer. They filter what the query returns, not what it reads: on an aggregated query a filter on a
 * label the aggregation removed keeps nothing, so dashboards should group by the labels they filter on.
 */
final class AdhocFilters {
    private record Filter(String key, String operator, String value, Pattern regex) {
    }

    private final List<Filter> filters;

    private AdhocFilters(List<Filter> filters) {
        this.filters = filters;
    }

    static AdhocFilters of(List<GrafanaRequests.AdhocFilter> raw) {
        List<Filter> out = new ArrayList<>();
        for (GrafanaRequests.AdhocFilter f : raw == null ? List.<GrafanaRequests.AdhocFilter>of() : raw) {
            if (f.key() == null || f.key().isEmpty()) {
                throw ApiParams.invalid("adhocFilters", "a filter without key");
            }
            String op = f.operator() == null ? "=" : f.operator();
            String value = f.value() == null ? "" : f.value();
            Pattern regex = null;
            switch (op) {
                case "=", "!=" -> {
                }
                case "=~", "!~" -> {
                    try {
                        regex = Pattern.compile(value);
                    } catch (PatternSyntaxException e) {
                        throw ApiParams.invalid("adhocFilters", "invalid regular expression \"" + value + "\"");
                    }
                }
                default -> throw ApiParams.invalid("adhocFilters", "operator \"" + op + "\" is not one of =, !=, =~, !~");
            }
            out.add(new Filter(f.key(), op, value, regex));
        }
        return new AdhocFilters(out);
    }

    boolean keeps(LabelSet labels) {
        for (Filter f : filters) {
            String v = labels.get(f.key());
            String actual = v == null ? "" : v;
            boolean ok = switch (f.operator()) {
                case "=" -> actual.equals(f.value());
                case "!=" -> !actual.equals(f.value());
                case "=~" -> f.regex().matcher(actual).matches();
                default -> !f.regex().matcher(actual).matches();
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}

package io.vigil.query.promql;

import io.vigil.promql.ast.LabelMatcher;
import java.util.List;

/**
 * What the evaluator asks storage for: the series matching all {@code matchers} and their data with
 * timestamps in {@code [minTimeMillis, maxTimeMillis]}. The hints let storage choose the tier: {@code
 * stepMillis} is the resolution the answer needs (0 for an instant query), {@code rangeMillis} the
 * range-vector window of the selector (0 for an instant selector), and {@code function} the function
 * that consumes the data (null when none), e.g. {@code rate} or {@code max_over_time}.
 */
public record Selection(List<LabelMatcher> matchers, long minTimeMillis, long maxTimeMillis, long stepMillis,
        long rangeMillis, String function) {
    public Selection {
        matchers = List.copyOf(matchers);
    }
}

package io.vigil.alerting.eval;

import io.vigil.alerting.rules.RecordingRule;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A recording rule's result as the series to write: the result's labels, then the group's, then the
 * rule's, external labels filling in, {@code __name__} the record name (carried as the metric name).
 */
final class RecordingRules {
    private RecordingRules() {
    }

    /** The series, or a failure: duplicate label sets, or more series than the group's limit. */
    static List<OutputSample> series(RecordingRule rule, AlertStateMachine.Context context, List<QuerySample> result)
            throws Querier.QueryException {
        if (context.limit() > 0 && result.size() > context.limit()) {
            throw new Querier.QueryException("exceeded limit of " + context.limit() + " with " + result.size()
                    + " series");
        }
        List<OutputSample> out = new ArrayList<>(result.size());
        Set<Map<String, String>> seen = new HashSet<>();
        for (QuerySample sample : result) {
            Map<String, String> labels = new TreeMap<>(sample.labels());
            labels.remove("__name__");
            labels.putAll(context.groupLabels());
            labels.putAll(rule.labels());
            context.externalLabels().forEach(labels::putIfAbsent);
            if (!seen.add(labels)) {
                throw new Querier.QueryException(
                        "vector contains metrics with the same labelset after applying rule labels");
            }
            out.add(new OutputSample(rule.name(), labels, sample.value()));
        }
        return out;
    }
}

package io.vigil.alerting.eval;

import java.util.Map;

/** One element of an instant query's result: a series' labels and its value (a scalar has no labels). */
public record QuerySample(Map<String, String> labels, double value) {
    public QuerySample {
        labels = Map.copyOf(labels);
    }
}

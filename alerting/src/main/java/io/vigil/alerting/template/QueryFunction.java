package io.vigil.alerting.template;

import java.util.List;
import java.util.Map;

/** The {@code query} template function: an instant PromQL query at the evaluation time. */
public interface QueryFunction {
    List<Sample> query(String expr) throws Exception;

    /** One sample of the result, as templates see it ({@code .Labels}, {@code .Value}). */
    record Sample(Map<String, String> labels, double value) {
        public Sample {
            labels = Map.copyOf(labels);
        }
    }
}

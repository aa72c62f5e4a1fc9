package io.vigil.ingest.gateway;

import io.vigil.model.SeriesRules;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/** The checks every push protocol applies to a sample before it may enter Kafka. */
@ApplicationScoped
public class SampleValidator {
    private final GatewayConfig config;

    SampleValidator(GatewayConfig config) {
        this.config = config;
    }

    /** Returns null when the sample may be stored, otherwise why not. */
    public String check(String metricName, Map<String, String> labels, long timestampMillis, double value, long nowMillis) {
        String problem = SeriesRules.checkMetricName(metricName);
        if (problem != null) {
            return problem;
        }
        if (labels.size() > SeriesRules.MAX_LABELS_PER_SERIES) {
            return "series has " + labels.size() + " labels, more than the limit of " + SeriesRules.MAX_LABELS_PER_SERIES;
        }
        for (Map.Entry<String, String> label : labels.entrySet()) {
            problem = SeriesRules.checkLabelName(label.getKey());
            if (problem == null) {
                problem = SeriesRules.checkLabelValue(label.getKey(), label.getValue());
            }
            if (problem != null) {
                return problem;
            }
        }
        problem = SeriesRules.checkValue(value);
        if (problem != null) {
            return problem;
        }
        return SeriesRules.checkTimestamp(timestampMillis, nowMillis, config.maxSampleAge().toMillis(),
                config.maxSampleAhead().toMillis());
    }
}

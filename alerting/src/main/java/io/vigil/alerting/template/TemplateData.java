package io.vigil.alerting.template;

import java.util.Map;

/**
 * What an alert template sees: {@code .Labels}/{@code $labels}, {@code .Value}/{@code $value},
 * {@code .ExternalLabels}/{@code $externalLabels}, {@code .ExternalURL}/{@code $externalURL}.
 *
 * @param query runs {@code query "expr"} in templates; null where queries are not available (calling it errors)
 */
public record TemplateData(Map<String, String> labels, double value, Map<String, String> externalLabels,
        String externalUrl, QueryFunction query) {

    public TemplateData {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        externalLabels = externalLabels == null ? Map.of() : Map.copyOf(externalLabels);
        externalUrl = externalUrl == null ? "" : externalUrl;
    }
}

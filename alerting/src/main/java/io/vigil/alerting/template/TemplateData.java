package io.vigil.alerting.template;

import java.util.Map;

/** PLACEHOLDER for merge. */
public record TemplateData(Map<String, String> labels, double value, Map<String, String> externalLabels,
        String externalUrl, QueryFunction query) {
}

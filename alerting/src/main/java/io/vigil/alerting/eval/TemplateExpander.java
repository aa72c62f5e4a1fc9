package io.vigil.alerting.eval;

import io.vigil.alerting.template.QueryFunction;
import io.vigil.alerting.template.Template;
import io.vigil.alerting.template.TemplateData;
import io.vigil.alerting.template.TemplateException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link LabelExpander} with the rule templates. Parsed templates are kept per text (a group's rules are
 * expanded every evaluation); {@code query} in a template runs at the evaluation's time.
 */
final class TemplateExpander {
    private final Map<String, Template> parsed = new ConcurrentHashMap<>();
    private final Map<String, String> externalLabels;
    private final String externalUrl;
    private final Querier querier;

    TemplateExpander(Map<String, String> externalLabels, String externalUrl, Querier querier) {
        this.externalLabels = Map.copyOf(externalLabels);
        this.externalUrl = externalUrl;
        this.querier = querier;
    }

    /** The expander for an evaluation at t. */
    LabelExpander at(Instant t, Duration timeout) {
        QueryFunction query = expr -> {
            List<QueryFunction.Sample> samples = new ArrayList<>();
            for (QuerySample s : querier.query(expr, t, timeout)) {
                samples.add(new QueryFunction.Sample(s.labels(), s.value()));
            }
            return samples;
        };
        return (name, text, labels, value) -> {
            if (text.indexOf("{{") < 0) {
                return text;
            }
            Template template;
            try {
                template = parsed.computeIfAbsent(text, tx -> {
                    try {
                        return Template.parse(name, tx);
                    } catch (TemplateException e) {
                        throw new IllegalArgumentException(e.getMessage(), e);
                    }
                });
            } catch (IllegalArgumentException e) {
                return "<error expanding template: " + e.getMessage() + ">";
            }
            return template.expandOrError(new TemplateData(labels, value, externalLabels, externalUrl, query));
        };
    }
}

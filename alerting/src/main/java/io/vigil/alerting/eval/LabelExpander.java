package io.vigil.alerting.eval;

import java.util.Map;

/**
 * Expands a rule's label or annotation template for one alert ({@code $labels}, {@code $value}). The state
 * machine only knows this port; {@link TemplateExpander} implements it with the rule templates.
 */
@FunctionalInterface
public interface LabelExpander {
    /** The expansion, or the text of the error in its place (Prometheus does the same). */
    String expand(String name, String text, Map<String, String> labels, double value);
}

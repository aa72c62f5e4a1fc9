package io.vigil.wire.otlp;

import java.util.List;

/**
 * Choices of the OTLP translation that a deployment may change.
 *
 * @param promotedResourceAttributes resource attributes (besides service.name/namespace/instance.id,
 *     which always become {@code job} and {@code instance}) copied as labels onto every series of the
 *     resource, e.g. {@code deployment.environment}; Prometheus promotes none by default, nor do we
 * @param targetInfo write the other resource attributes as a {@code target_info} series (value 1,
 *     labels job, instance and the attributes) per resource and request, as Prometheus does
 * @param scopeLabels add {@code otel_scope_name} and {@code otel_scope_version} labels from the
 *     instrumentation scope (off by default: it splits a metric into one series per library version)
 */
public record OtlpOptions(List<String> promotedResourceAttributes, boolean targetInfo, boolean scopeLabels) {
    public static final OtlpOptions DEFAULTS = new OtlpOptions(List.of(), true, false);

    public OtlpOptions {
        promotedResourceAttributes = List.copyOf(promotedResourceAttributes);
    }
}

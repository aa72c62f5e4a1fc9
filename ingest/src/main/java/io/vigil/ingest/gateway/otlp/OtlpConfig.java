package io.vigil.ingest.gateway.otlp;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.vigil.wire.otlp.OtlpOptions;
import java.util.List;
import java.util.Optional;

/** How OTLP metrics are translated into series (see {@link OtlpOptions} for each choice). */
@ConfigMapping(prefix = "vigil.otlp")
public interface OtlpConfig {
    /** Resource attributes copied as labels onto every series (besides job and instance); none by default. */
    Optional<List<String>> promoteResourceAttributes();

    /** Write the other resource attributes as a target_info series, as Prometheus does. */
    @WithDefault("true")
    boolean targetInfo();

    /** Add otel_scope_name and otel_scope_version labels. */
    @WithDefault("false")
    boolean scopeLabels();

    default OtlpOptions options() {
        return new OtlpOptions(promoteResourceAttributes().orElse(List.of()), targetInfo(), scopeLabels());
    }
}

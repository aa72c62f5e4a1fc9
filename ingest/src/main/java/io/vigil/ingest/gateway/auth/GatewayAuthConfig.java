package io.vigil.ingest.gateway.auth;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who may push: one bearer token per source (a Telegraf fleet, an application, a Prometheus), each
 * allowed some push protocols.
 *
 * <pre>
 * vigil.gateway.auth.sources.telegraf.token-file=/run/secrets/telegraf-push-token
 * vigil.gateway.auth.sources.telegraf.protocols=influx
 * vigil.gateway.auth.sources.apps.token=${APPS_PUSH_TOKEN}
 * vigil.gateway.auth.sources.apps.protocols=json,otlp
 * </pre>
 *
 * Protocols: {@code json} ({@code /api/v1/push}), {@code remote-write} ({@code /api/v1/write}),
 * {@code influx} ({@code /write}, {@code /api/v2/write}), {@code otlp} ({@code /v1/metrics}),
 * {@code pushgateway} ({@code /metrics/job/…}), or {@code all}.
 */
@ConfigMapping(prefix = "vigil.gateway.auth")
public interface GatewayAuthConfig {
    /**
     * Whether pushes need a token. On unless switched off explicitly: the embedded single-machine
     * setup ({@code ./vigil up}) and the dev and test profiles do so.
     */
    @WithDefault("true")
    boolean enabled();

    /** The sources allowed to push, by name (the name appears in logs and metrics, never the token). */
    Map<String, Source> sources();

    interface Source {
        /** The token itself; prefer {@link #tokenFile()} or an environment variable reference. */
        Optional<String> token();

        /** A file holding the token (surrounding whitespace, such as a final newline, is ignored). */
        Optional<String> tokenFile();

        /** The protocols this token may push, or {@code all}. */
        @WithDefault("all")
        List<String> protocols();
    }
}

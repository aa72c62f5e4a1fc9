package io.vigil.alerting.auth;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Map;
import java.util.Optional;

/**
 * Who may read and change alerting: one token per user or system, each with a role.
 *
 * <pre>
 * vigil.alerting.auth.tokens.grafana.token-file=/run/secrets/grafana-alerting-token
 * vigil.alerting.auth.tokens.grafana.role=reader
 * vigil.alerting.auth.tokens.oncall.token=${ONCALL_TOKEN}
 * vigil.alerting.auth.tokens.oncall.role=editor
 * </pre>
 */
@ConfigMapping(prefix = "vigil.alerting.auth")
public interface AlertingAuthConfig {
    /** Whether requests need a token. On unless switched off explicitly (the dev and test profiles do). */
    @WithDefault("true")
    boolean enabled();

    /** The tokens, by name: the name is the actor in the audit log, never the token. */
    Map<String, Token> tokens();

    interface Token {
        /** The token itself; prefer {@link #tokenFile()} or an environment variable reference. */
        Optional<String> token();

        /** A file holding the token (surrounding whitespace, such as a final newline, is ignored). */
        Optional<String> tokenFile();

        /** reader, editor or admin. */
        String role();
    }
}

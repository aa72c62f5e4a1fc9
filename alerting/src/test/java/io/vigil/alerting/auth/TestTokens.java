package io.vigil.alerting.auth;

import java.util.HashMap;
import java.util.Map;

/**
 * Access control switched on with one token per role, for the ITs that check who may do what: grafana
 * (reader), oncall (editor), ops (admin).
 */
public final class TestTokens {
    public static final String READER = "grafana-reader-token-0123456789";
    public static final String EDITOR = "oncall-editor-token-0123456789";
    public static final String ADMIN = "ops-admin-token-0123456789abc";

    private TestTokens() {
    }

    /** The configuration switching access control on with these tokens. */
    public static Map<String, String> config() {
        Map<String, String> m = new HashMap<>();
        m.put("vigil.alerting.auth.enabled", "true");
        m.put("vigil.alerting.auth.tokens.grafana.token", READER);
        m.put("vigil.alerting.auth.tokens.grafana.role", "reader");
        m.put("vigil.alerting.auth.tokens.oncall.token", EDITOR);
        m.put("vigil.alerting.auth.tokens.oncall.role", "editor");
        m.put("vigil.alerting.auth.tokens.ops.token", ADMIN);
        m.put("vigil.alerting.auth.tokens.ops.role", "admin");
        return m;
    }
}

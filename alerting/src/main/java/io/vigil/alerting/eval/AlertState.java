package io.vigil.alerting.eval;

import java.util.Locale;

/** The states of an alert of a rule, as stored in {@code alerts.state} and shown by the API. */
public enum AlertState {
    PENDING, FIRING, RESOLVED;

    public String dbName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static AlertState ofDbName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}

package io.vigil.alerting.auth;

import java.util.Locale;

/** What a token may do; each role includes the ones before it. */
public enum Role {
    /** Read rules, alerts, silences, status. */
    READER,
    /** Also create and expire silences and post alerts ({@code POST /api/v2/alerts}). */
    EDITOR,
    /** Also reload rules and the routing configuration, read the audit log. */
    ADMIN;

    public boolean includes(Role other) {
        return ordinal() >= other.ordinal();
    }

    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Role ofConfigName(String name) {
        for (Role r : values()) {
            if (r.configName().equals(name.strip().toLowerCase(Locale.ROOT))) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown role \"" + name + "\"; expected reader, editor or admin");
    }
}

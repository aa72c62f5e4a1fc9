package io.vigil.ingest.gateway.auth;

import java.util.Locale;

/** The push protocols a token can be allowed, and which request paths belong to each. */
public enum PushProtocol {
    JSON("json"),
    REMOTE_WRITE("remote-write"),
    INFLUX("influx"),
    OTLP("otlp"),
    PUSHGATEWAY("pushgateway");

    private final String configName;

    PushProtocol(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }

    /**
     * The protocol a (normalized) request path pushes with, or null for every other path (health,
     * metrics, {@code /ping}), which needs no token. A trailing slash does not change the answer.
     */
    public static PushProtocol ofPath(String path) {
        String p = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return switch (p) {
            case "/api/v1/push" -> JSON;
            case "/api/v1/write" -> REMOTE_WRITE;
            case "/write", "/api/v2/write" -> INFLUX;
            case "/v1/metrics" -> OTLP;
            default -> p.equals("/metrics/job") || p.startsWith("/metrics/job/") ? PUSHGATEWAY : null;
        };
    }

    /** The protocol configured under this name; throws with the accepted names otherwise. */
    public static PushProtocol ofConfigName(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        for (PushProtocol p : values()) {
            if (p.configName.equals(n)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown push protocol \"" + name
                + "\" (accepted: all, json, remote-write, influx, otlp, pushgateway)");
    }
}

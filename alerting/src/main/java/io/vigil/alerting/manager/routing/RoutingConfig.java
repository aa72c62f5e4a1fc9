package io.vigil.alerting.manager.routing;

import java.time.Duration;
import java.util.List;

/**
 * A parsed routing file: the route tree, the receiver names routes may use, the inhibition rules and the
 * YAML text it came from ({@code /api/v2/status} shows it).
 */
public record RoutingConfig(Route root, List<String> receivers, List<InhibitRule> inhibitRules, String original) {
    public static final Duration DEFAULT_GROUP_WAIT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_GROUP_INTERVAL = Duration.ofMinutes(5);
    public static final Duration DEFAULT_REPEAT_INTERVAL = Duration.ofHours(4);

    public RoutingConfig {
        receivers = List.copyOf(receivers);
        inhibitRules = List.copyOf(inhibitRules);
    }

    /** Without a routing file: everything to receiver {@code default}, grouped by alertname. */
    public static RoutingConfig defaults() {
        String yaml = """
                route:
                  receiver: default
                  group_by: [alertname]
                receivers:
                  - name: default
                """;
        Route root = new Route("default", List.of("alertname"), List.of(), false, DEFAULT_GROUP_WAIT,
                DEFAULT_GROUP_INTERVAL, DEFAULT_REPEAT_INTERVAL, List.of(), "{}");
        return new RoutingConfig(root, List.of("default"), List.of(), yaml);
    }
}

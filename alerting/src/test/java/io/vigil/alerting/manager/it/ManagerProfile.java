package io.vigil.alerting.manager.it;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** The alert manager with the IT routing file (1 s group_wait / group_interval, 8 s repeat_interval). */
public class ManagerProfile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("vigil.alerting.routing-file", "src/test/resources/routing/it.yml",
                "vigil.alerting.dispatch-poll-interval", "200ms",
                "vigil.alerting.ha.lease-ttl", "3s",
                "vigil.alerting.external-url", "http://alerts.example.test");
    }
}

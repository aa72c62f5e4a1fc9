package io.vigil.notify.channel.pagerduty;

import io.vigil.notify.channel.ChannelFactory;
import io.vigil.notify.channel.contract.HttpChannelContractTest;
import java.net.URI;
import java.util.List;
import java.util.Map;

/** The PagerDuty channel passes the channel contract. */
class PagerDutyChannelContractTest extends HttpChannelContractTest {
    static final String ROUTING_KEY = "R0UT1NGkey5e3a9b1c7d2f4e6a8b0c2d";

    @Override
    protected ChannelFactory factory() {
        return new PagerDutyChannelFactory();
    }

    @Override
    protected Map<String, Object> settingsFor(URI base) {
        return Map.of("url", base + "/v2/enqueue", "routing_key_env", "PD_ROUTING_KEY");
    }

    @Override
    protected Map<String, String> secretEnv() {
        return Map.of("PD_ROUTING_KEY", ROUTING_KEY);
    }

    @Override
    protected List<String> secretKeys() {
        return List.of("routing_key");
    }

    @Override
    protected List<String> requiredKeys() {
        return List.of();
    }

    @Override
    protected Map<String, Object> invalidValues() {
        return Map.of("url", "events.pagerduty.com/v2/enqueue", "timeout", "-1s", "severity_label", " ",
                "client_url", "mailto:oncall@example.com");
    }
}

package io.vigil.notify.channel.phone;

import io.vigil.notify.channel.ChannelFactory;
import io.vigil.notify.channel.contract.HttpChannelContractTest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** The phone channel passes the channel contract (one recipient, SMS, so one delivery is one request). */
class PhoneChannelContractTest extends HttpChannelContractTest {
    static final String SID = "AC0123456789abcdef0123456789abcdef";
    static final String AUTH_TOKEN = "twilio-token-9c41e7f0a2b3";

    @Override
    protected ChannelFactory factory() {
        return new PhoneChannelFactory();
    }

    @Override
    protected Map<String, Object> settingsFor(URI base) {
        return Map.of("base_url", base.toString(), "account_sid", SID, "auth_token_env", "TWILIO_AUTH_TOKEN",
                "from", "+15005550006", "to", List.of("+15551230001"));
    }

    @Override
    protected Map<String, String> secretEnv() {
        return Map.of("TWILIO_AUTH_TOKEN", AUTH_TOKEN);
    }

    /** The token, and the Basic credential that carries it. */
    @Override
    protected List<String> secretForms() {
        return List.of(AUTH_TOKEN,
                Base64.getEncoder().encodeToString((SID + ":" + AUTH_TOKEN).getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    protected List<String> secretKeys() {
        return List.of("auth_token");
    }

    @Override
    protected List<String> requiredKeys() {
        return List.of("account_sid", "from", "to");
    }

    @Override
    protected Map<String, Object> invalidValues() {
        return Map.of("mode", "fax", "account_sid", "AC/../other", "base_url", "ftp://api.example.com", "to",
                List.of("+15551230001", " "), "timeout", "0s");
    }
}

package io.vigil.notify.channel.webhook;

import io.vigil.notify.channel.ChannelFactory;
import io.vigil.notify.channel.contract.HttpChannelContractTest;
import java.net.URI;
import java.util.List;
import java.util.Map;

/** The webhook channel passes the channel contract. */
class WebhookChannelContractTest extends HttpChannelContractTest {
    static final String AUTH_TOKEN = "tok-3f9a1c-webhook-auth";
    static final String HMAC_KEY = "hmac-77d2e0-webhook-key";

    @Override
    protected ChannelFactory factory() {
        return new WebhookChannelFactory();
    }

    @Override
    protected Map<String, Object> settingsFor(URI base) {
        return Map.of("url", base + "/hook", "authorization_env", "HOOK_AUTH", "hmac_secret_env", "HOOK_HMAC");
    }

    @Override
    protected Map<String, String> secretEnv() {
        return Map.of("HOOK_AUTH", "Bearer " + AUTH_TOKEN, "HOOK_HMAC", HMAC_KEY);
    }

    @Override
    protected List<String> secretForms() {
        return List.of(AUTH_TOKEN, HMAC_KEY);
    }

    @Override
    protected List<String> secretKeys() {
        return List.of("authorization", "hmac_secret");
    }

    @Override
    protected List<String> requiredSecretKeys() {
        return List.of();
    }

    @Override
    protected List<String> requiredKeys() {
        return List.of("url");
    }

    @Override
    protected Map<String, Object> invalidValues() {
        return Map.of("url", "ftp://files.example.com/hook", "timeout", "soon", "headers", Map.of("Authorization", "x"));
    }
}

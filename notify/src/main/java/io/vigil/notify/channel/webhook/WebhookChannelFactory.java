package io.vigil.notify.channel.webhook;

import io.vigil.notify.channel.Channel;
import io.vigil.notify.channel.ChannelFactory;
import io.vigil.notify.channel.ReceiverConfig;
import io.vigil.notify.channel.ReceiverConfigException;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code type: webhook}. Settings:
 *
 * <pre>
 * url: https://hooks.example.com/vigil   # required, http or https; or url_env / url_file when the URL
 *                                         # itself carries a token
 * timeout: 10s                            # per request, default 10s
 * headers: {X-Team: payments}             # optional extra headers; values are not secret
 * authorization_env: HOOK_AUTH            # optional secret, sent as-is as the Authorization header
 *                                         # (e.g. "Bearer abc"); or authorization_file
 * hmac_secret_env: HOOK_HMAC              # optional secret: sign bodies (X-Vigil-Signature); or hmac_secret_file
 * </pre>
 */
@ApplicationScoped
public class WebhookChannelFactory implements ChannelFactory {
    static final String TYPE = "webhook";
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    /** Headers Vigil sets itself; a receiver may not override them through {@code headers}. */
    private static final Set<String> RESERVED_HEADERS = Set.of("authorization", "content-type",
            WebhookSignature.HEADER.toLowerCase(Locale.ROOT), WebhookChannel.NOTIFICATION_ID_HEADER.toLowerCase(Locale.ROOT));

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Channel create(ReceiverConfig config) throws ReceiverConfigException {
        URI url = url(config);
        Duration timeout = config.positiveDuration("timeout", DEFAULT_TIMEOUT);
        Map<String, String> headers = config.stringMap("headers");
        for (Map.Entry<String, String> h : headers.entrySet()) {
            checkHeader(config, h.getKey(), h.getValue());
        }
        String authorization = config.secret("authorization", false);
        String hmacSecret = config.secret("hmac_secret", false);
        return new WebhookChannel(config.name(), url, timeout, headers, authorization,
                hmacSecret == null ? null : new WebhookSignature(hmacSecret));
    }

    private static URI url(ReceiverConfig config) throws ReceiverConfigException {
        String plain = config.optionalString("url");
        if (plain != null && (config.settings().containsKey("url_env") || config.settings().containsKey("url_file"))) {
            throw config.invalid("url", "is given twice (url and url_env or url_file)");
        }
        if (plain == null && !config.settings().containsKey("url_env") && !config.settings().containsKey("url_file")) {
            throw config.invalid("url", "is required (an http or https URL, or url_env / url_file)");
        }
        String text = plain != null ? plain : config.secret("url", true);
        // The URL is never echoed in an error: it may carry a token.
        try {
            URI url = new URI(text.strip());
            String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                throw config.invalid("url", "must be an http or https URL");
            }
            if (url.getHost() == null) {
                throw config.invalid("url", "has no host");
            }
            return url;
        } catch (URISyntaxException e) {
            throw config.invalid("url", "is not a valid URL");
        }
    }

    private static void checkHeader(ReceiverConfig config, String name, String value) throws ReceiverConfigException {
        String key = "headers." + name;
        if (RESERVED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
            throw config.invalid(key, "is set by Vigil" + (name.equalsIgnoreCase("authorization")
                    ? "; give it as the secret authorization_env or authorization_file" : ""));
        }
        try {
            // The JDK's own rules (token characters, restricted names such as Host), checked now rather
            // than on the first delivery.
            HttpRequest.newBuilder().header(name, value);
        } catch (IllegalArgumentException e) {
            throw config.invalid(key, "is not a header the HTTP client may send");
        }
    }
}

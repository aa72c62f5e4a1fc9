package io.vigil.notify.channel.pagerduty;

import io.vigil.notify.channel.Channel;
import io.vigil.notify.channel.ChannelFactory;
import io.vigil.notify.channel.ReceiverConfig;
import io.vigil.notify.channel.ReceiverConfigException;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;

/**
 * {@code type: pagerduty}. Settings:
 *
 * <pre>
 * routing_key_env: PD_ROUTING_KEY     # required secret: the Events API v2 integration key (or routing_key_file)
 * url: https://events.pagerduty.com/v2/enqueue   # default; another URL for a proxy or a test
 * timeout: 10s                        # per request, default 10s
 * severity_label: severity            # the alert label mapped to PagerDuty's severity, default "severity"
 * client: Vigil                       # shown in PagerDuty as the event's client, default "Vigil"
 * client_url: https://vigil.example.com  # link behind the client, default the notification's external URL
 * </pre>
 */
@ApplicationScoped
public class PagerDutyChannelFactory implements ChannelFactory {
    static final String TYPE = "pagerduty";
    static final String DEFAULT_URL = "https://events.pagerduty.com/v2/enqueue";
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Channel create(ReceiverConfig config) throws ReceiverConfigException {
        URI url = httpUrl(config, "url", DEFAULT_URL);
        String routingKey = config.secret("routing_key", true);
        Duration timeout = config.positiveDuration("timeout", DEFAULT_TIMEOUT);
        String severityLabel = optional(config, "severity_label", "severity");
        String client = optional(config, "client", "Vigil");
        String clientUrl = config.optionalString("client_url") == null ? null : httpUrl(config, "client_url", null).toString();
        return new PagerDutyChannel(config.name(), url, routingKey, timeout, severityLabel, client, clientUrl);
    }

    private static String optional(ReceiverConfig config, String key, String fallback) throws ReceiverConfigException {
        String v = config.optionalString(key);
        if (v == null) {
            return fallback;
        }
        if (v.isBlank()) {
            throw config.invalid(key, "must not be empty");
        }
        return v.strip();
    }

    private static URI httpUrl(ReceiverConfig config, String key, String fallback) throws ReceiverConfigException {
        String text = config.optionalString(key);
        if (text == null) {
            text = fallback;
        }
        try {
            URI url = new URI(text.strip());
            String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || url.getHost() == null) {
                throw config.invalid(key, "must be an http or https URL");
            }
            return url;
        } catch (URISyntaxException e) {
            throw config.invalid(key, "is not a valid URL");
        }
    }
}

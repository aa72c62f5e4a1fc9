package io.vigil.notify.channel.phone;

import io.vigil.notify.channel.Channel;
import io.vigil.notify.channel.ChannelFactory;
import io.vigil.notify.channel.ReceiverConfig;
import io.vigil.notify.channel.ReceiverConfigException;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;

/**
 * {@code type: phone}. Settings:
 *
 * <pre>
 * account_sid: AC0123456789abcdef0123456789abcdef   # required; not a secret (it is part of every URL)
 * auth_token_env: TWILIO_AUTH_TOKEN     # required secret (or auth_token_file)
 * from: "+15005550006"                  # required: the sending number
 * to: ["+15551230001", "+15551230002"]  # required: one number or a list
 * mode: sms                             # sms (default), call, or both
 * timeout: 10s                          # per request, default 10s
 * base_url: https://api.twilio.com      # default; another Twilio-compatible API or a test
 * </pre>
 */
@ApplicationScoped
public class PhoneChannelFactory implements ChannelFactory {
    static final String TYPE = "phone";
    static final String DEFAULT_BASE_URL = "https://api.twilio.com";
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Channel create(ReceiverConfig config) throws ReceiverConfigException {
        URI baseUrl = baseUrl(config);
        String sid = config.string("account_sid").strip();
        if (!sid.chars().allMatch(c -> c < 128 && Character.isLetterOrDigit(c))) {
            throw config.invalid("account_sid", "must be letters and digits");
        }
        String token = config.secret("auth_token", true);
        String from = config.string("from").strip();
        List<String> to = config.stringList("to").stream().map(String::strip).toList();
        if (to.isEmpty()) {
            throw config.invalid("to", "is required (a number or a list of numbers)");
        }
        for (String number : to) {
            if (number.isBlank()) {
                throw config.invalid("to", "must not contain an empty number");
            }
        }
        if (new HashSet<>(to).size() != to.size()) {
            throw config.invalid("to", "lists a number twice");
        }
        PhoneMode mode = mode(config);
        Duration timeout = config.positiveDuration("timeout", DEFAULT_TIMEOUT);
        return new PhoneChannel(config.name(), new TwilioRequests(baseUrl, sid, token, from, timeout), to,
                mode);
    }

    private static PhoneMode mode(ReceiverConfig config) throws ReceiverConfigException {
        String v = config.optionalString("mode");
        if (v == null) {
            return PhoneMode.SMS;
        }
        try {
            return PhoneMode.valueOf(v.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw config.invalid("mode", "must be sms, call or both");
        }
    }

    private static URI baseUrl(ReceiverConfig config) throws ReceiverConfigException {
        String text = config.optionalString("base_url");
        if (text == null) {
            text = DEFAULT_BASE_URL;
        }
        try {
            URI url = new URI(text.strip());
            String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || url.getHost() == null
                    || url.getRawQuery() != null) {
                throw config.invalid("base_url", "must be an http or https URL without a query");
            }
            return url;
        } catch (URISyntaxException e) {
            throw config.invalid("base_url", "is not a valid URL");
        }
    }
}

package io.vigil.notify.channel.phone;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Twilio's REST API (2010-04-01), as far as Vigil uses it: create a message and create a call, each a
 * form POST under the account, authenticated with HTTP Basic (account SID and auth token). The call's
 * words travel inline as TwiML, so Twilio need not fetch anything from Vigil. Any Twilio-compatible
 * provider that mirrors these two resources works with {@code base_url}.
 */
final class TwilioRequests {
    private static final String API_VERSION = "/2010-04-01/Accounts/";

    private final String accountsBase;
    private final String authorization;
    private final String from;
    private final Duration timeout;

    /** {@code accountSid} is letters and digits (checked by the factory), so it goes into the path as is. */
    TwilioRequests(URI baseUrl, String accountSid, String authToken, String from, Duration timeout) {
        String base = baseUrl.toString();
        this.accountsBase = (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + API_VERSION + accountSid;
        this.authorization = "Basic " + Base64.getEncoder()
                .encodeToString((accountSid + ":" + authToken).getBytes(StandardCharsets.UTF_8));
        this.from = from;
        this.timeout = timeout;
    }

    HttpRequest sms(String to, String body) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("To", to);
        form.put("From", from);
        form.put("Body", body);
        return post("/Messages.json", form);
    }

    HttpRequest call(String to, String spokenText) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("To", to);
        form.put("From", from);
        // Said twice: the first time often goes to someone who has just woken up.
        form.put("Twiml", "<Response><Say loop=\"2\">" + xml(spokenText) + "</Say></Response>");
        return post("/Calls.json", form);
    }

    private HttpRequest post(String resource, Map<String, String> form) {
        StringJoiner body = new StringJoiner("&");
        form.forEach((k, v) -> body.add(k + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return HttpRequest.newBuilder(URI.create(accountsBase + resource)).timeout(timeout)
                .header("Authorization", authorization)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8)).build();
    }

    /** Escapes markup and drops the control characters XML 1.0 cannot carry at all. */
    static String xml(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> {
                    if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return "TwilioRequests[credentials hidden]";
    }
}

package io.vigil.ingest.gateway.auth;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Where a push request carries its token, in the forms its senders know:
 * <ul>
 *   <li>{@code Authorization: Bearer <token>} (Prometheus remote write, OTLP exporters, curl);</li>
 *   <li>{@code Authorization: Token <token>} (InfluxDB 2.x clients and Telegraf's influxdb_v2 output);</li>
 *   <li>{@code Authorization: Basic base64(user:token)}: the password is the token, the user name
 *       is not checked (InfluxDB 1.x clients, Prometheus basic_auth);</li>
 *   <li>query parameters {@code u} and {@code p} on InfluxDB 1.x {@code /write}: {@code p} is the token.</li>
 * </ul>
 * The scheme names are case-insensitive (RFC 9110).
 */
public final class Credentials {
    private Credentials() {
    }

    /**
     * The token presented, or null when the request carries none.
     *
     * @param authorization the Authorization header, or null
     * @param queryPassword the {@code p} query parameter where the protocol accepts one (InfluxDB 1.x), else null
     */
    public static String token(String authorization, String queryPassword) {
        if (authorization != null) {
            String h = authorization.strip();
            int space = h.indexOf(' ');
            if (space > 0) {
                String scheme = h.substring(0, space);
                String value = h.substring(space + 1).strip();
                if (scheme.equalsIgnoreCase("Bearer") || scheme.equalsIgnoreCase("Token")) {
                    return value.isEmpty() ? null : value;
                }
                if (scheme.equalsIgnoreCase("Basic")) {
                    return basicPassword(value);
                }
            }
            return null;
        }
        return queryPassword == null || queryPassword.isEmpty() ? null : queryPassword;
    }

    private static String basicPassword(String encoded) {
        try {
            String decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            String password = colon < 0 ? "" : decoded.substring(colon + 1);
            return password.isEmpty() ? null : password;
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
    }
}

package io.vigil.notify.channel.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code X-Vigil-Signature} header: {@code sha256=} and the hex HMAC-SHA256 of the exact body bytes,
 * keyed with the receiver's shared secret (UTF-8). A receiver recomputes it over the raw body it read,
 * before parsing, and compares in constant time; it proves the body came from Vigil unaltered.
 * (It does not stop a replay; receivers deduplicate on {@code X-Vigil-Notification-Id}.)
 */
final class WebhookSignature {
    static final String HEADER = "X-Vigil-Signature";
    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;

    WebhookSignature(String secret) {
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    String sign(byte[] body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            // Every JDK ships HmacSHA256 and any non-empty key is valid for it.
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    @Override
    public String toString() {
        return "WebhookSignature[key hidden]";
    }
}

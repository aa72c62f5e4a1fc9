package io.vigil.notify.channel.email;

import io.vertx.ext.mail.mailencoder.EmailAddress;
import java.util.regex.Pattern;

/**
 * Checks a configured mail address, {@code user@example.com} or {@code Display Name <user@example.com>},
 * when the receivers load: a typo then stops the configuration instead of bouncing the first page.
 * Deliberately narrower than RFC 5322 (no quoted local parts, no groups, no comments): alerting addresses
 * do not need them, and anything odd is more likely a mistake than a mailbox.
 */
final class AddressSyntax {
    private static final Pattern ADDR_SPEC = Pattern.compile(
            "[^\\s@<>()\\[\\],;:\"\\\\]+@[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]*[\\p{L}\\p{N}])?(?:\\.[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]*[\\p{L}\\p{N}])?)*");

    private AddressSyntax() {
    }

    /** Null when {@code address} is usable, else what is wrong with it. */
    static String problem(String address) {
        if (address.isBlank()) {
            return "is empty";
        }
        if (address.chars().anyMatch(Character::isISOControl)) {
            return "contains a control character";
        }
        if (address.contains(",")) {
            // one entry, one address: a comma would split the To header differently from the SMTP envelope
            return "contains a comma: write several addresses as a YAML list, and display names without commas";
        }
        String spec = address.strip();
        int open = spec.lastIndexOf('<');
        if (open >= 0) {
            if (!spec.endsWith(">") || spec.substring(0, open).contains(">")) {
                return "is not an address (expected user@example.com or Name <user@example.com>)";
            }
            spec = spec.substring(open + 1, spec.length() - 1);
        }
        if (!ADDR_SPEC.matcher(spec).matches()) {
            return "is not an address (expected user@example.com or Name <user@example.com>)";
        }
        try {
            // the mail client parses the address again when sending; what it would refuse then must be refused now,
            // or every delivery would fail the same way until the retries run out
            new EmailAddress(address.strip());
            return null;
        } catch (IllegalArgumentException e) {
            return "is not an address the mail client accepts";
        }
    }
}

package io.vigil.alerting.manager.dispatch;

import java.time.Instant;
import java.util.Map;

/** One row of {@code alerts} (V7), labels and annotations already parsed. */
record AlertRow(String source, String fingerprint, Map<String, String> labels, Map<String, String> annotations, String state,
        Instant activeAt, Instant firedAt, Instant resolvedAt, Instant validUntil, String generatorUrl, Instant updatedAt) {

    String key() {
        return source + '\u0000' + fingerprint;
    }

    /** The alert this row says, as of {@code now}: a firing row past its valid_until is resolved then. */
    ManagedAlert toAlert(Instant now) {
        boolean firing = "firing".equals(state) && (validUntil == null || !validUntil.isBefore(now));
        Instant endsAt = null;
        if (!firing) {
            endsAt = resolvedAt != null ? resolvedAt : validUntil != null ? validUntil : updatedAt;
        }
        return new ManagedAlert(fingerprint, labels, annotations, firedAt != null ? firedAt : activeAt, endsAt, updatedAt,
                generatorUrl, validUntil);
    }
}

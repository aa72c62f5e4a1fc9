package io.vigil.alerting.eval;

import io.vigil.alerting.model.Fingerprints;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * One alert of an alerting rule at one moment: a row of {@code alerts}. Immutable; the state machine makes
 * a new one on every change, so "changed since the last write" is plain {@code equals}.
 *
 * @param activeAt        when it became pending (the {@code for} clock)
 * @param firedAt         when it started firing; null while pending
 * @param resolvedAt      when it resolved; null unless resolved
 * @param keepFiringSince first evaluation that no longer found it while {@code keep_firing_for} kept it firing
 * @param validUntil      a firing alert nobody refreshes counts as resolved after this
 * @param lastEval        the evaluation that last looked at it
 * @param generatorUrl    a link to the rule's expression in the query UI
 */
public record Alert(String fingerprint, Map<String, String> labels, Map<String, String> annotations,
        AlertState state, Instant activeAt, Instant firedAt, Instant resolvedAt, Instant keepFiringSince,
        Instant validUntil, Instant lastEval, double value, String generatorUrl) {

    public Alert {
        labels = Collections.unmodifiableMap(new TreeMap<>(labels));
        annotations = Collections.unmodifiableMap(new TreeMap<>(annotations));
    }

    /** A new pending alert found at {@code t}. */
    static Alert pending(Map<String, String> labels, Map<String, String> annotations, Instant t, double value,
            String generatorUrl) {
        return new Alert(Fingerprints.of(labels), labels, annotations, AlertState.PENDING, t, null, null, null, null,
                t, value, generatorUrl);
    }

    /** An alert as some earlier evaluation left it (restores, tests). */
    public static Alert restored(Map<String, String> labels, Map<String, String> annotations, AlertState state,
            Instant activeAt, Instant firedAt, Instant resolvedAt, Instant validUntil, double value) {
        return new Alert(Fingerprints.of(labels), labels, annotations, state, activeAt, firedAt, resolvedAt, null,
                validUntil, activeAt, value, "");
    }

    public String alertname() {
        return labels.getOrDefault("alertname", "");
    }

    Alert with(AlertState newState, Instant newFiredAt, Instant newResolvedAt, Instant newKeepFiringSince,
            Instant newValidUntil, Instant newLastEval) {
        return new Alert(fingerprint, labels, annotations, newState, activeAt, newFiredAt, newResolvedAt,
                newKeepFiringSince, newValidUntil, newLastEval, value, generatorUrl);
    }

    Alert withFinding(Map<String, String> newAnnotations, double newValue) {
        return new Alert(fingerprint, labels, newAnnotations, state, activeAt, firedAt, resolvedAt, keepFiringSince,
                validUntil, lastEval, newValue, generatorUrl);
    }

    /** Whether it differs from {@code other} in more than the values refreshed on every evaluation. */
    boolean significantlyDifferentFrom(Alert other) {
        return other == null || state != other.state || !labels.equals(other.labels)
                || !annotations.equals(other.annotations) || !java.util.Objects.equals(firedAt, other.firedAt)
                || !java.util.Objects.equals(resolvedAt, other.resolvedAt)
                || !java.util.Objects.equals(activeAt, other.activeAt);
    }
}

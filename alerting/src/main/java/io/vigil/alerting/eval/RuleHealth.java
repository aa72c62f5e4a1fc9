package io.vigil.alerting.eval;

import java.time.Instant;

/**
 * How a rule's last evaluation went, as {@code GET /api/v1/rules} shows it.
 *
 * @param health    "ok", "err" or "unknown" (not evaluated yet)
 * @param lastError the failure's message; empty when it succeeded
 */
public record RuleHealth(String name, String health, String lastError, double evaluationTime,
        Instant lastEvaluation) {

    public static RuleHealth ok(String name, double seconds, Instant t) {
        return new RuleHealth(name, "ok", "", seconds, t);
    }

    public static RuleHealth failed(String name, String error, double seconds, Instant t) {
        return new RuleHealth(name, "err", error, seconds, t);
    }
}

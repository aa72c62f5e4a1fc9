package io.vigil.alerting.model;

/**
 * CDI event fired (asynchronously observed) after a rule group's evaluation stored changed alerts, so
 * the dispatcher on this replica looks at once instead of at its next poll.
 */
public record AlertsChanged(String source) {
}

package io.vigil.alerting.manager.nflog;

import java.time.Instant;
import java.util.Set;

/** What was last sent to a receiver for a group: the fingerprints sent firing and resolved, when, which number. */
public record LogEntry(Set<String> firing, Set<String> resolved, Instant sentAt, long sequence) {
    public LogEntry {
        firing = Set.copyOf(firing);
        resolved = Set.copyOf(resolved);
    }
}

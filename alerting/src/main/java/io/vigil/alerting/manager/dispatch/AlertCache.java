package io.vigil.alerting.manager.dispatch;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The dispatcher's copy of {@code alerts}, refreshed incrementally: each poll reads only rows updated
 * since the newest it saw (minus an overlap, since a transaction that committed late can carry an
 * earlier {@code now()}), and a full read every {@link #FULL_EVERY} also drops rows deleted meanwhile.
 * Confined to the dispatcher thread.
 */
final class AlertCache {
    static final Duration FULL_EVERY = Duration.ofSeconds(30);
    private static final Duration OVERLAP = Duration.ofSeconds(10);

    private final AlertReader reader;
    private final Map<String, AlertRow> rows = new HashMap<>();
    private Instant lastFull;
    private Instant newest = Instant.EPOCH;

    AlertCache(AlertReader reader) {
        this.reader = reader;
    }

    List<ManagedAlert> current(Instant now) throws SQLException {
        if (lastFull == null || !now.isBefore(lastFull.plus(FULL_EVERY))) {
            List<AlertRow> all = reader.rows(null);
            rows.clear();
            newest = Instant.EPOCH;
            add(all);
            lastFull = now;
        } else {
            add(reader.rows(newest.minus(OVERLAP)));
        }
        return AlertReader.merge(rows.values(), now);
    }

    /** Forgets everything: the next read is a full one. */
    void reset() {
        rows.clear();
        lastFull = null;
        newest = Instant.EPOCH;
    }

    private void add(List<AlertRow> changed) {
        for (AlertRow r : changed) {
            rows.put(r.key(), r);
            if (r.updatedAt().isAfter(newest)) {
                newest = r.updatedAt();
            }
        }
    }
}

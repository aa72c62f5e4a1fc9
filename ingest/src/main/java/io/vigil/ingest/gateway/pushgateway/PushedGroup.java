package io.vigil.ingest.gateway.pushgateway;

import io.vigil.model.Labels;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What the Pushgateway keeps of a group: the last successfully pushed metrics (each series with its
 * family name, grouping labels already applied, and value) and the times of the last successful and
 * failed push (0 = never), which become {@code push_time_seconds} and {@code push_failure_time_seconds}.
 */
record PushedGroup(GroupingKey key, long pushTimeMillis, long failureTimeMillis, List<Series> series) {
    record Series(String family, Labels labels, double value) {
    }

    PushedGroup {
        series = List.copyOf(series);
    }

    static PushedGroup empty(GroupingKey key) {
        return new PushedGroup(key, 0, 0, List.of());
    }

    /** PUT: everything replaced. */
    PushedGroup replaceAll(List<Series> pushed, long now) {
        return new PushedGroup(key, now, failureTimeMillis, pushed);
    }

    /** POST: only the families named in the push are replaced; the others stay. */
    PushedGroup replaceFamilies(List<Series> pushed, long now) {
        Set<String> families = new HashSet<>();
        for (Series s : pushed) {
            families.add(s.family());
        }
        List<Series> merged = new ArrayList<>();
        for (Series s : series) {
            if (!families.contains(s.family())) {
                merged.add(s);
            }
        }
        merged.addAll(pushed);
        return new PushedGroup(key, now, failureTimeMillis, merged);
    }

    PushedGroup failedAt(long now) {
        return new PushedGroup(key, pushTimeMillis, now, series);
    }

    /** The series of this group that {@code next} no longer has (they get staleness markers). */
    List<Labels> droppedBy(PushedGroup next) {
        Set<Labels> kept = new HashSet<>();
        for (Series s : next.series()) {
            kept.add(s.labels());
        }
        List<Labels> dropped = new ArrayList<>();
        for (Series s : series) {
            if (!kept.contains(s.labels())) {
                dropped.add(s.labels());
            }
        }
        return dropped;
    }
}

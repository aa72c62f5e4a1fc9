package io.vigil.ingest.gateway.pushgateway;

import io.vigil.model.Labels;
import io.vigil.model.SeriesRules;
import io.vigil.wire.LabelBuffer;
import io.vigil.wire.SampleSink;
import io.vigil.wire.exposition.FamilyListener;
import io.vigil.wire.exposition.MetricType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/**
 * Turns a pushed body into the series of a group, checking all of it before anything is kept: grouping
 * labels replace pushed labels of the same name (the Pushgateway's rule), samples must not carry
 * timestamps, every series must pass {@link SeriesRules}, and no series may appear twice. Pushed
 * {@code push_time_seconds} / {@code push_failure_time_seconds} are dropped: the group's own win.
 * Allocates per series (pushes are small and rare next to the other protocols; not a hot path).
 */
final class GroupCollector implements SampleSink, FamilyListener {
    /** The default time given to the parser: a sample that has any other time had a timestamp. */
    static final long NO_TIMESTAMP = Long.MIN_VALUE;
    private static final int MAX_LISTED = 10;

    private final GroupingKey key;
    private final List<PushedGroup.Series> series = new ArrayList<>();
    private final Set<Labels> seen = new HashSet<>();
    private final List<String> problems = new ArrayList<>();
    private int problemCount;
    private String family = "";
    private Labels current;

    GroupCollector(GroupingKey key) {
        this.key = key;
    }

    @Override
    public void family(String name, MetricType type, String help, String unit) {
        family = name;
    }

    @Override
    public boolean beginSeries(LabelBuffer labels) {
        current = null;
        String name = labels.name();
        if (name.equals(PushgatewayMetrics.PUSH_TIME) || name.equals(PushgatewayMetrics.PUSH_FAILURE_TIME)) {
            return false;
        }
        String problem = SeriesRules.checkMetricName(name);
        TreeMap<String, String> map = new TreeMap<>();
        for (int i = 0; i < labels.labelCount() && problem == null; i++) {
            String k = text(labels, labels.keyOffset(i), labels.keyLength(i));
            if (!key.labels().containsKey(k)) {
                String v = text(labels, labels.valueOffset(i), labels.valueLength(i));
                problem = SeriesRules.checkLabelName(k);
                problem = problem != null ? problem : SeriesRules.checkLabelValue(k, v);
                map.put(k, v);
            }
        }
        key.labels().forEach((k, v) -> {
            if (!v.isEmpty()) {
                map.put(k, v);
            }
        });
        if (problem == null && map.size() > SeriesRules.MAX_LABELS_PER_SERIES) {
            problem = "more than " + SeriesRules.MAX_LABELS_PER_SERIES + " labels with the grouping key";
        }
        if (problem != null) {
            reject("series " + name + ": " + problem);
            return false;
        }
        Labels l = Labels.of(name, map);
        if (!seen.add(l)) {
            reject("series " + l + " appears twice (with the grouping labels applied)");
            return false;
        }
        current = l;
        return true;
    }

    @Override
    public void sample(long timestampMillis, double value) {
        if (current == null) {
            return;
        }
        if (timestampMillis != NO_TIMESTAMP) {
            reject("series " + current + " has a timestamp: pushed metrics must not have timestamps "
                    + "(the time of a sample is when Vigil re-emits it, as with a Pushgateway scraped by Prometheus)");
            return;
        }
        series.add(new PushedGroup.Series(family, current, value));
    }

    @Override
    public void reject(String reason) {
        problemCount++;
        if (problems.size() < MAX_LISTED) {
            problems.add(reason);
        }
    }

    List<PushedGroup.Series> series() {
        return series;
    }

    boolean failed() {
        return problemCount > 0;
    }

    /** Why the push was refused: the first reasons and how many there were. */
    String problems() {
        return String.join("\n", problems) + (problemCount > problems.size()
                ? "\n(" + (problemCount - problems.size()) + " more problems)" : "");
    }

    private static String text(LabelBuffer labels, int offset, int length) {
        return new String(labels.bytes(), offset, length, StandardCharsets.UTF_8);
    }
}

package io.vigil.alerting.eval;

import io.vigil.alerting.rules.AlertingRule;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The alerts of one alerting rule from one evaluation to the next, with Prometheus' semantics. Pure: it
 * is handed the previous alerts and the query result at slot time {@code t} and returns the new alerts.
 *
 * <ul>
 * <li>An alert's labels: the result's labels without {@code __name__}, then the group's labels, then the
 * rule's (templated), then {@code alertname}; external labels fill in names still missing.
 * <li>New: pending with {@code activeAt = t}; firing once {@code t - activeAt >= for} (at once when
 * {@code for} is 0). A resolved alert that comes back starts again as pending.
 * <li>Missing from the result: a pending alert is dropped; a firing one stays firing while
 * {@code t - keepFiringSince < keep_firing_for} (keepFiringSince: the first evaluation that missed it),
 * else it resolves at t. Resolved alerts are kept {@link #RESOLVED_RETENTION} so the resolved
 * notification can go out.
 * <li>Firing alerts are valid until {@code t + 4 * max(interval, 1m)}, refreshed every evaluation.
 * <li>Two results with one label set: the evaluation fails and the alerts stay as they were.
 * <li>More pending and firing alerts than the group's limit: the evaluation fails with
 * "exceeded limit of N with M alerts". Prometheus then forgets every alert of the rule, which
 * Alertmanager resolves once their end time passes; here the alerts that were already firing resolve at
 * t at once (the same outcome, sooner) and the others, never notified, are dropped.
 * </ul>
 */
public final class AlertStateMachine {
    public static final Duration RESOLVED_RETENTION = Duration.ofMinutes(15);
    static final String DUPLICATE_LABELSET = "vector contains metrics with the same labelset after applying alert labels";

    /** What the rule's group contributes: its labels, limit and interval; the configured external labels. */
    public record Context(Map<String, String> groupLabels, Map<String, String> externalLabels, int limit,
            Duration interval, String externalUrl) {
        Duration validity() {
            Duration d = interval.compareTo(Duration.ofMinutes(1)) > 0 ? interval : Duration.ofMinutes(1);
            return d.multipliedBy(4);
        }
    }

    /** The alerts after the evaluation, by fingerprint; {@code error} null when it succeeded. */
    public record Outcome(Map<String, Alert> alerts, String error) {
    }

    private final AlertingRule rule;
    private final Context context;
    private final LabelExpander expander;
    private final String generatorUrl;

    public AlertStateMachine(AlertingRule rule, Context context, LabelExpander expander) {
        this.rule = rule;
        this.context = context;
        this.expander = expander;
        this.generatorUrl = context.externalUrl() + "/graph?g0.expr="
                + java.net.URLEncoder.encode(rule.expr(), java.nio.charset.StandardCharsets.UTF_8) + "&g0.tab=1";
    }

    public Outcome evaluate(Instant t, List<QuerySample> result, Map<String, Alert> previous) {
        Map<String, Alert> found = new LinkedHashMap<>();
        for (QuerySample sample : result) {
            Alert a = alertFor(sample, t);
            if (found.putIfAbsent(a.fingerprint(), a) != null) {
                return new Outcome(previous, DUPLICATE_LABELSET);
            }
        }
        Map<String, Alert> next = new HashMap<>();
        for (Alert a : found.values()) {
            Alert before = previous.get(a.fingerprint());
            if (before == null || before.state() == AlertState.RESOLVED) {
                next.put(a.fingerprint(), promote(a, t));
            } else {
                Alert kept = before.withFinding(a.annotations(), a.value());
                kept = kept.with(kept.state(), kept.firedAt(), null, null, kept.validUntil(), t);
                next.put(a.fingerprint(), promote(kept, t));
            }
        }
        for (Alert before : previous.values()) {
            if (!found.containsKey(before.fingerprint())) {
                Alert missing = missing(before, t);
                if (missing != null) {
                    next.put(missing.fingerprint(), missing);
                }
            }
        }
        int active = 0;
        for (Alert a : next.values()) {
            if (a.state() != AlertState.RESOLVED) {
                active++;
            }
        }
        if (context.limit() > 0 && active > context.limit()) {
            return new Outcome(overLimit(next, previous, t), "exceeded limit of " + context.limit() + " with " + active + " alerts");
        }
        return new Outcome(next, null);
    }

    /** Pending until {@code for} has passed, then firing; firing alerts get a fresh validity. */
    private Alert promote(Alert a, Instant t) {
        if (a.state() == AlertState.PENDING
                && Duration.between(a.activeAt(), t).compareTo(rule.forDuration()) >= 0) {
            return a.with(AlertState.FIRING, t, null, null, t.plus(context.validity()), t);
        }
        if (a.state() == AlertState.FIRING) {
            return a.with(AlertState.FIRING, a.firedAt(), null, null, t.plus(context.validity()), t);
        }
        return a;
    }

    /** An alert the result no longer holds; null when it is to be forgotten. */
    private Alert missing(Alert a, Instant t) {
        switch (a.state()) {
            case PENDING:
                return null;
            case RESOLVED:
                return Duration.between(a.resolvedAt(), t).compareTo(RESOLVED_RETENTION) > 0 ? null : a;
            default:
                Instant since = a.keepFiringSince() != null ? a.keepFiringSince() : t;
                if (!rule.keepFiringFor().isZero() && Duration.between(since, t).compareTo(rule.keepFiringFor()) < 0) {
                    return a.with(AlertState.FIRING, a.firedAt(), null, since, t.plus(context.validity()), t);
                }
                return a.with(AlertState.RESOLVED, a.firedAt(), t, a.keepFiringSince(), t, t);
        }
    }

    /** Over the limit: what was firing before resolves; the rest goes, as if never seen. */
    private static Map<String, Alert> overLimit(Map<String, Alert> next, Map<String, Alert> previous, Instant t) {
        Map<String, Alert> kept = new HashMap<>();
        for (Alert a : next.values()) {
            Alert before = previous.get(a.fingerprint());
            if (a.state() == AlertState.FIRING && before != null && before.state() == AlertState.FIRING) {
                kept.put(a.fingerprint(), a.with(AlertState.RESOLVED, a.firedAt(), t, a.keepFiringSince(), t, t));
            } else if (a.state() == AlertState.RESOLVED) {
                kept.put(a.fingerprint(), a);
            }
        }
        return kept;
    }

    /** The alert a result sample stands for, pending at t, with labels and annotations expanded. */
    private Alert alertFor(QuerySample sample, Instant t) {
        Map<String, String> labels = new TreeMap<>(sample.labels());
        labels.remove("__name__");
        labels.putAll(context.groupLabels());
        for (Map.Entry<String, String> l : rule.labels().entrySet()) {
            String value = expander.expand(rule.name(), l.getValue(), sample.labels(), sample.value());
            if (value.isEmpty()) {
                labels.remove(l.getKey());
            } else {
                labels.put(l.getKey(), value);
            }
        }
        labels.put("alertname", rule.name());
        context.externalLabels().forEach(labels::putIfAbsent);
        Map<String, String> annotations = new TreeMap<>();
        for (Map.Entry<String, String> a : rule.annotations().entrySet()) {
            annotations.put(a.getKey(), expander.expand(rule.name(), a.getValue(), sample.labels(), sample.value()));
        }
        return Alert.pending(labels, annotations, t, sample.value(), generatorUrl);
    }
}

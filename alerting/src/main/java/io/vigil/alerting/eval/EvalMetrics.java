package io.vigil.alerting.eval;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The evaluation's metrics, Prometheus names: {@code vigil_rule_group_iterations_total},
 * {@code vigil_rule_group_iterations_missed_total}, {@code vigil_rule_evaluation_failures_total},
 * {@code vigil_rule_group_last_duration_seconds}, {@code vigil_rule_group_last_evaluation_timestamp_seconds},
 * {@code vigil_rule_group_evaluation_lag_seconds} (completion minus slot time, per group) and
 * {@code vigil_rule_group_evaluation_lag_distribution_seconds} (a histogram over every group),
 * {@code vigil_rule_groups_owned}, all but the last two per {@code rule_group}.
 */
@ApplicationScoped
public class EvalMetrics {
    /** The last iteration's numbers of one group, read by its gauges. */
    private static final class Last {
        volatile double durationSeconds;
        volatile double evaluationSeconds;
        volatile double lagSeconds;
        final List<Meter> meters = new ArrayList<>();
    }

    private final MeterRegistry registry;
    private final Map<String, Last> groups = new ConcurrentHashMap<>();
    private final AtomicInteger owned = new AtomicInteger();
    private final Timer lag;

    EvalMetrics(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder("vigil.rule.groups.owned", owned, AtomicInteger::get)
                .description("Rule groups this replica evaluates").register(registry);
        this.lag = Timer.builder("vigil.rule.group.evaluation.lag.distribution")
                .description("Time from a group's slot to the end of its iteration, every group")
                .publishPercentiles(0.5, 0.9, 0.99).publishPercentileHistogram().register(registry);
    }

    void owned(int count) {
        owned.set(count);
    }

    void iterated(String group, Instant slot, Duration took, Instant done) {
        registry.counter("vigil.rule.group.iterations", "rule_group", group).increment();
        Last last = last(group);
        last.durationSeconds = took.toNanos() / 1e9;
        last.evaluationSeconds = slot.toEpochMilli() / 1000.0;
        Duration behind = Duration.between(slot, done);
        last.lagSeconds = behind.toNanos() / 1e9;
        lag.record(behind);
    }

    void missed(String group) {
        registry.counter("vigil.rule.group.iterations.missed", "rule_group", group).increment();
    }

    void evaluationFailed(String group) {
        registry.counter("vigil.rule.evaluation.failures", "rule_group", group).increment();
    }

    void storeFailed(String group) {
        registry.counter("vigil.rule.group.store.failures", "rule_group", group).increment();
    }

    /** Removes a group's gauges when this replica no longer evaluates it. */
    void forget(String group) {
        Last last = groups.remove(group);
        if (last != null) {
            last.meters.forEach(registry::remove);
        }
    }

    private Last last(String group) {
        return groups.computeIfAbsent(group, g -> {
            Last l = new Last();
            Tags tags = Tags.of("rule_group", g);
            l.meters.add(Gauge.builder("vigil.rule.group.last.duration.seconds", l, x -> x.durationSeconds)
                    .tags(tags).register(registry));
            l.meters.add(Gauge.builder("vigil.rule.group.last.evaluation.timestamp.seconds", l,
                    x -> x.evaluationSeconds).tags(tags).register(registry));
            l.meters.add(Gauge.builder("vigil.rule.group.evaluation.lag.seconds", l, x -> x.lagSeconds)
                    .tags(tags).register(registry));
            return l;
        });
    }
}

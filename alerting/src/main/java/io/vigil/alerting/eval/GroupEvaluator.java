package io.vigil.alerting.eval;

import io.vigil.alerting.ha.Leases;
import io.vigil.alerting.rules.AlertingRule;
import io.vigil.alerting.rules.RecordingRule;
import io.vigil.alerting.rules.Rule;
import io.vigil.alerting.rules.RuleGroup;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import org.jboss.logging.Logger;

/**
 * One iteration of a group at slot time t: every rule queried at t (concurrently, bounded, when no rule
 * reads another's recorded series), alerts advanced by {@link AlertStateMachine}, the alerts and the
 * group's health committed under the group's lease, then the series written (after the commit: a
 * failed write never holds up alert state).
 *
 * <pre>
 * GroupState state = ...;   // from GroupScheduler, restored from AlertStore
 * evaluator.iterate(state, GroupSlots.slot(group, now));
 * </pre>
 */
@ApplicationScoped
public class GroupEvaluator {
    private static final Logger LOG = Logger.getLogger(GroupEvaluator.class);
    private static final Duration MAX_QUERY_TIMEOUT = Duration.ofSeconds(30);

    /** What one rule's evaluation gave: its alerts (alerting rules), its series and its health. */
    private record RuleOutcome(Map<String, Alert> alerts, List<OutputSample> series, RuleHealth health) {
    }

    private final Querier querier;
    private final SeriesWriter writer;
    private final AlertStore store;
    private final EvalConfig config;
    private final EvalMetrics metrics;
    private final TemplateExpander templates;

    GroupEvaluator(Querier querier, SeriesWriter writer, AlertStore store, EvalConfig config, EvalMetrics metrics) {
        this.querier = querier;
        this.writer = writer;
        this.store = store;
        this.config = config;
        this.metrics = metrics;
        this.templates = new TemplateExpander(config.externalLabels(), config.externalUrl(), querier);
    }

    /**
     * Evaluates the group at t and stores the outcome. Throws {@link Leases.LeaseLostException} when the
     * group is no longer this replica's (nothing was stored; the caller stops the group).
     */
    public GroupHealth iterate(GroupState state, Instant t) throws Leases.LeaseLostException {
        long started = System.nanoTime();
        RuleGroup group = state.group;
        Duration timeout = group.interval().compareTo(MAX_QUERY_TIMEOUT) < 0 ? group.interval() : MAX_QUERY_TIMEOUT;
        AlertStateMachine.Context context = new AlertStateMachine.Context(group.labels(), config.externalLabels(),
                group.limit(), group.interval(), config.externalUrl());
        LabelExpander expander = templates.at(t, timeout);
        List<RuleOutcome> outcomes = evaluateRules(state, t, timeout, context, expander);

        List<OutputSample> series = new ArrayList<>();
        List<RuleHealth> health = new ArrayList<>(outcomes.size());
        for (int i = 0; i < outcomes.size(); i++) {
            RuleOutcome o = outcomes.get(i);
            if (o.alerts() != null) {
                state.alertsByRule.set(i, new java.util.HashMap<>(o.alerts()));
                o.alerts().values().forEach(a -> SeriesWriter.addAlertSeries(a, series));
            }
            series.addAll(o.series());
            health.add(o.health());
            if (o.health().health().equals("err")) {
                metrics.evaluationFailed(group.key());
            }
        }
        GroupHealth groupHealth = new GroupHealth(group.key(), t, seconds(System.nanoTime() - started), health);
        state.settleOrphans(t);
        Map<String, Alert> after = state.allAlerts();
        try {
            store.commit(state.lease, state.source(), state.stored, after, groupHealth);
            state.stored = after;
        } catch (Leases.LeaseLostException e) {
            throw e;
        } catch (SQLException | RuntimeException e) {
            // The alerts stay in memory; the next iteration writes the difference to what is stored.
            metrics.storeFailed(group.key());
            LOG.errorf("rule group %s: storing its alerts at %s failed: %s", group.key(), t, e.toString());
        }
        writer.write(group.key(), t, series);
        return groupHealth;
    }

    private List<RuleOutcome> evaluateRules(GroupState state, Instant t, Duration timeout,
            AlertStateMachine.Context context, LabelExpander expander) {
        List<Rule> rules = state.group.rules();
        int concurrency = Math.max(1, config.ruleConcurrency());
        if (rules.size() < 2 || concurrency == 1 || !GroupState.independent(state.group)) {
            List<RuleOutcome> out = new ArrayList<>(rules.size());
            for (int i = 0; i < rules.size(); i++) {
                out.add(evaluateRule(rules.get(i), state.alertsByRule.get(i), t, timeout, context, expander));
            }
            return out;
        }
        Semaphore slots = new Semaphore(concurrency);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<RuleOutcome>> futures = new ArrayList<>(rules.size());
            for (int i = 0; i < rules.size(); i++) {
                Rule rule = rules.get(i);
                Map<String, Alert> previous = state.alertsByRule.get(i);
                futures.add(pool.submit(() -> {
                    slots.acquire();
                    try {
                        return evaluateRule(rule, previous, t, timeout, context, expander);
                    } finally {
                        slots.release();
                    }
                }));
            }
            List<RuleOutcome> out = new ArrayList<>(rules.size());
            for (int i = 0; i < futures.size(); i++) {
                try {
                    out.add(futures.get(i).get());
                } catch (ExecutionException | InterruptedException e) {
                    out.add(new RuleOutcome(state.alertsByRule.get(i), List.of(),
                            RuleHealth.failed(rules.get(i).name(), String.valueOf(e.getCause()), 0, t)));
                }
            }
            return out;
        }
    }

    private RuleOutcome evaluateRule(Rule rule, Map<String, Alert> previous, Instant t, Duration timeout,
            AlertStateMachine.Context context, LabelExpander expander) {
        long started = System.nanoTime();
        try {
            List<QuerySample> result = querier.query(rule.expr(), t, timeout);
            if (rule instanceof AlertingRule alerting) {
                AlertStateMachine.Outcome o = new AlertStateMachine(alerting, context, expander)
                        .evaluate(t, result, previous);
                double took = seconds(System.nanoTime() - started);
                return new RuleOutcome(o.alerts(), List.of(), o.error() == null
                        ? RuleHealth.ok(rule.name(), took, t) : RuleHealth.failed(rule.name(), o.error(), took, t));
            }
            List<OutputSample> series = RecordingRules.series((RecordingRule) rule, context, result);
            return new RuleOutcome(null, series, RuleHealth.ok(rule.name(), seconds(System.nanoTime() - started), t));
        } catch (Querier.QueryException e) {
            // As Prometheus: a failed query leaves the rule's alerts as they were.
            return new RuleOutcome(rule instanceof AlertingRule ? previous : null, List.of(),
                    RuleHealth.failed(rule.name(), e.getMessage(), seconds(System.nanoTime() - started), t));
        }
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}

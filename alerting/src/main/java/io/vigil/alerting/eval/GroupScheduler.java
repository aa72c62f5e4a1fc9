package io.vigil.alerting.eval;

import io.quarkus.scheduler.Scheduler;
import io.vigil.alerting.ha.Leases;
import io.vigil.alerting.rules.RuleGroup;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import org.jboss.logging.Logger;

/**
 * Runs the groups this replica owns: one programmatic quarkus-scheduler job per group at its interval.
 * A tick does not evaluate by itself: it arms the group's next slot ({@link GroupSlots}) on a virtual
 * thread that sleeps until the slot begins and then evaluates at it. So evaluations start on the slot
 * whatever the phase of the scheduler's ticks (its triggers are checked once a second and keep no phase
 * with our slots), and a slow group never delays another. A slot that begins while the previous
 * iteration still runs is counted as missed and skipped. Not a CDI bean: {@link GroupOwnership} makes
 * one per replica identity.
 */
public final class GroupScheduler {
    private static final Logger LOG = Logger.getLogger(GroupScheduler.class);

    private static final class Running {
        final GroupState state;
        final Semaphore iteration = new Semaphore(1);
        volatile String jobId;
        volatile boolean stopped;
        /** The newest slot a tick armed (epoch ms). */
        long armedSlot = Long.MIN_VALUE;

        Running(GroupState state) {
            this.state = state;
        }
    }

    private final Scheduler scheduler;
    private final GroupEvaluator evaluator;
    private final AlertStore store;
    private final Leases leases;
    private final EvalMetrics metrics;
    private final Map<String, Running> groups = new ConcurrentHashMap<>();

    public GroupScheduler(Scheduler scheduler, GroupEvaluator evaluator, AlertStore store, Leases leases,
            EvalMetrics metrics) {
        this.scheduler = scheduler;
        this.evaluator = evaluator;
        this.store = store;
        this.leases = leases;
        this.metrics = metrics;
    }

    /** The keys of the groups running here. */
    public Set<String> owned() {
        return Set.copyOf(groups.keySet());
    }

    public boolean owns(String key) {
        return groups.containsKey(key);
    }

    /** Starts a group whose lease was just acquired, from the alerts stored for it (keeps the for clock). */
    public void start(RuleGroup group, Leases.Lease lease) throws SQLException {
        Map<String, Alert> restored = store.load(AlertStore.source(group.key()));
        Running r = new Running(new GroupState(group, lease, restored));
        groups.put(group.key(), r);
        schedule(r);
        metrics.owned(groups.size());
        LOG.infof("rule group %s: evaluated by %s from now on (%d alerts restored)", group.key(),
                leases.replicaId(), restored.size());
    }

    /** The lease was renewed: its expiry moved on (its token is unchanged). */
    public void renewed(Leases.Lease lease, String key) {
        Running r = groups.get(key);
        if (r != null) {
            r.state.lease = lease;
        }
    }

    /** Stops a group at once and forgets its state (its lease is lost: another replica has it). */
    public void stop(String key) {
        Running r = groups.remove(key);
        if (r != null) {
            r.stopped = true;
            unschedule(r);
            metrics.forget(key);
            metrics.owned(groups.size());
        }
    }

    /** Hands a group over: after its running iteration, stops it and releases its lease. */
    public void release(String key) {
        Running r = groups.get(key);
        if (r == null) {
            return;
        }
        withIterationDone(r, () -> {
            stop(key);
            leases.release(r.state.lease);
        });
    }

    /**
     * A group no longer in the rules: after its running iteration, its firing alerts resolve (so the
     * resolved notification goes out), its pending ones go, its health row goes, and its lease is released.
     */
    public void retire(String key) {
        Running r = groups.get(key);
        if (r == null) {
            return;
        }
        withIterationDone(r, () -> {
            stop(key);
            Instant now = Instant.now();
            Map<String, Alert> after = new HashMap<>();
            for (Alert a : r.state.stored.values()) {
                if (a.state() == AlertState.FIRING) {
                    after.put(a.fingerprint(), a.with(AlertState.RESOLVED, a.firedAt(), now, a.keepFiringSince(),
                            now, now));
                } else if (a.state() == AlertState.RESOLVED) {
                    after.put(a.fingerprint(), a);
                }
            }
            store.commit(r.state.lease, r.state.source(), r.state.stored, after, null);
            store.forgetHealth(key);
            leases.release(r.state.lease);
            LOG.infof("rule group %s: removed from the rules, its alerts resolved", key);
        });
    }

    /** A new definition of a running group: its alerts are kept; a changed interval reschedules it. */
    public void redefine(RuleGroup group) {
        Running r = groups.get(group.key());
        if (r == null) {
            return;
        }
        withIterationDone(r, () -> {
            Duration before = r.state.group.interval();
            r.state.redefine(group);
            if (!before.equals(group.interval()) && !r.stopped) {
                unschedule(r);
                schedule(r);
            }
        });
    }

    /** Stops every group without releasing (shutdown: Leases frees them all at once). */
    public void stopAll() {
        groups.keySet().forEach(this::stop);
    }

    private interface Step {
        void run() throws SQLException;
    }

    private void withIterationDone(Running r, Step step) {
        r.iteration.acquireUninterruptibly();
        try {
            step.run();
        } catch (SQLException e) {
            LOG.warnf("rule group %s: %s", r.state.group.key(), e.toString());
        } finally {
            r.iteration.release();
        }
    }

    private void schedule(Running r) {
        RuleGroup group = r.state.group;
        // The first tick arms the coming slot; where later ticks fall within the interval does not matter.
        Duration delay = Duration.ofMillis(Math.min(1000, group.interval().toMillis() / 2));
        String id = "rule-group:" + leases.replicaId() + ":" + group.key() + ":" + System.nanoTime();
        r.jobId = id;
        scheduler.newJob(id).setInterval(group.interval().toString()).setDelayed(delay.toString())
                .setTask(execution -> tick(r)).schedule();
    }

    private void unschedule(Running r) {
        if (r.jobId != null) {
            scheduler.unscheduleJob(r.jobId);
        }
    }

    private void tick(Running r) {
        Instant slot;
        synchronized (r) {
            if (r.stopped) {
                return;
            }
            RuleGroup group = r.state.group;
            // Always the next slot: the one that began already was armed by the previous tick.
            Instant t = GroupSlots.next(group.key(), group.interval(), Instant.now());
            if (t.toEpochMilli() <= r.armedSlot) {
                return;
            }
            r.armedSlot = t.toEpochMilli();
            slot = t;
        }
        Thread.ofVirtual().name("rule-group " + r.state.group.key()).start(() -> {
            Duration wait = Duration.between(Instant.now(), slot);
            if (!wait.isNegative()) {
                try {
                    Thread.sleep(wait);
                } catch (InterruptedException e) {
                    return;
                }
            }
            if (r.stopped) {
                return;
            }
            if (!r.iteration.tryAcquire()) {
                metrics.missed(r.state.group.key());
                return;
            }
            try {
                iterate(r, slot);
            } finally {
                r.iteration.release();
            }
        });
    }

    /** Evaluates slot {@code t} unless it was already done; slots skipped since the last one count as missed. */
    private void iterate(Running r, Instant t) {
        RuleGroup group = r.state.group;
        long last = r.state.lastSlotMillis;
        if (r.stopped || t.toEpochMilli() <= last) {
            return;
        }
        if (last != Long.MIN_VALUE) {
            long skipped = (t.toEpochMilli() - last) / group.interval().toMillis() - 1;
            for (long i = 0; i < skipped; i++) {
                metrics.missed(group.key());
            }
        }
        r.state.lastSlotMillis = t.toEpochMilli();
        long started = System.nanoTime();
        try {
            evaluator.iterate(r.state, t);
            metrics.iterated(group.key(), t, Duration.ofNanos(System.nanoTime() - started), Instant.now());
        } catch (Leases.LeaseLostException e) {
            LOG.warnf("rule group %s: lease lost, no longer evaluated here", group.key());
            stop(group.key());
        } catch (RuntimeException e) {
            LOG.errorf(e, "rule group %s: iteration at %s failed", group.key(), t);
        }
    }
}

package io.vigil.alerting.eval;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduler;
import io.vigil.alerting.ha.Leases;
import io.vigil.alerting.rules.RuleGroup;
import io.vigil.alerting.rules.RuleRepository;
import io.vigil.alerting.rules.RuleSet;
import io.vigil.model.XxHash64;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Which rule groups this replica evaluates. Every third of the lease time: a heartbeat; every held
 * lease renewed (a lease missing from the answer is lost: that group stops at once); each group's
 * preferred replica by rendezvous hashing of its key over the live replicas; the groups preferred here
 * acquired (lease {@code group:<key>}), and any group whose lease is free or expired too, so nothing
 * stays unevaluated while its preferred replica is not there to take it; groups preferred by another
 * live replica released after their running iteration, so load spreads when a replica joins. A group
 * taken only because it was free is kept at least two lease times, so a replica that does not take its
 * preferred groups (say, during a roll-out of new rule files) does not make them flap every round. A dead replica's groups move within the lease time plus
 * one tick, and run from their next slot.
 */
@ApplicationScoped
public class GroupOwnership {
    private static final Logger LOG = Logger.getLogger(GroupOwnership.class);
    private static final String LEASE_PREFIX = "group:";

    private final Leases leases;
    private final Supplier<RuleSet> rules;
    private final GroupScheduler groups;
    private final AlertStore store;
    private final Scheduler scheduler;
    private final RuleRepository repository;
    private final Map<String, Instant> acquiredAt = new ConcurrentHashMap<>();
    /** Groups handed over here lately: not taken back as "free" before their preferred replica could. */
    private final Map<String, Instant> releasedAt = new ConcurrentHashMap<>();
    private volatile String jobId;
    private boolean enabled = true;

    @Inject
    GroupOwnership(Leases leases, RuleRepository repository, Scheduler scheduler, GroupEvaluator evaluator,
            AlertStore store, EvalMetrics metrics, EvalConfig config) {
        this(leases, repository::current, new GroupScheduler(scheduler, evaluator, store, leases, metrics), store,
                scheduler, repository);
        this.enabled = config.evaluationEnabled();
    }

    /** One replica's ownership; {@code repository} may be null (then call {@link #apply} on changes). */
    public GroupOwnership(Leases leases, Supplier<RuleSet> rules, GroupScheduler groups, AlertStore store,
            Scheduler scheduler, RuleRepository repository) {
        this.leases = leases;
        this.rules = rules;
        this.groups = groups;
        this.store = store;
        this.scheduler = scheduler;
        this.repository = repository;
    }

    void onStart(@Observes StartupEvent event) {
        if (enabled) {
            start();
        } else {
            LOG.info("rule evaluation is off on this replica (vigil.alerting.eval.enabled=false)");
        }
    }

    /** Starts the periodic ownership tick (and listens to rule changes). */
    public void start() {
        if (repository != null) {
            repository.addListener(this::apply);
        }
        Duration every = leases.ttl().dividedBy(3);
        jobId = "alerting-group-ownership:" + leases.replicaId();
        scheduler.newJob(jobId).setInterval(every.toString()).setTask(execution -> tick(), true).schedule();
        Thread.ofVirtual().start(this::tick);
    }

    void onStop(@Observes @Priority(100) ShutdownEvent event) {
        stop();
    }

    /** Stops ticking and every group, without releasing (Leases frees this replica's leases on shutdown). */
    public void stop() {
        if (jobId != null) {
            scheduler.unscheduleJob(jobId);
        }
        groups.stopAll();
    }

    public GroupScheduler groups() {
        return groups;
    }

    /** One round of heartbeat, renewals, acquisitions and hand-overs. */
    public synchronized void tick() {
        try {
            leases.heartbeat();
            Map<String, Leases.Lease> held = new HashMap<>();
            for (Leases.Lease l : leases.renewAll()) {
                held.put(l.name(), l);
            }
            for (String key : groups.owned()) {
                Leases.Lease lease = held.get(LEASE_PREFIX + key);
                if (lease == null) {
                    LOG.warnf("rule group %s: lease lost, stopped", key);
                    groups.stop(key);
                    acquiredAt.remove(key);
                } else {
                    groups.renewed(lease, key);
                }
            }
            List<String> live = new ArrayList<>(leases.liveReplicas());
            if (!live.contains(leases.replicaId())) {
                live.add(leases.replicaId());
            }
            RuleSet current = rules.get();
            Set<String> sources = new HashSet<>();
            for (RuleGroup group : current.groups()) {
                sources.add(AlertStore.source(group.key()));
                balance(group, preferred(group.key(), live).equals(leases.replicaId()));
            }
            store.sweepOrphans(sources);
        } catch (SQLException | RuntimeException e) {
            LOG.warnf("rule group ownership round failed (retried in %s): %s", leases.ttl().dividedBy(3), e.toString());
        }
    }

    private void balance(RuleGroup group, boolean mine) throws SQLException {
        String key = group.key();
        Duration hold = leases.ttl().multipliedBy(2);
        if (groups.owns(key)) {
            Instant since = acquiredAt.getOrDefault(key, Instant.EPOCH);
            if (!mine && Duration.between(since, Instant.now()).compareTo(hold) >= 0) {
                acquiredAt.remove(key);
                releasedAt.put(key, Instant.now());
                Thread.ofVirtual().start(() -> groups.release(key));
            }
            return;
        }
        Instant released = releasedAt.get(key);
        if (!mine && released != null && Duration.between(released, Instant.now()).compareTo(hold) < 0) {
            return;
        }
        releasedAt.remove(key);
        var lease = leases.tryAcquire(LEASE_PREFIX + key);
        if (lease.isPresent()) {
            groups.start(group, lease.get());
            acquiredAt.put(key, mine ? Instant.EPOCH : Instant.now());
        }
    }

    /** A new rule set: removed groups retire, changed ones are redefined, new ones are taken next round. */
    public synchronized void apply(RuleSet next) {
        Map<String, RuleGroup> byKey = new HashMap<>();
        for (RuleGroup g : next.groups()) {
            byKey.put(g.key(), g);
        }
        for (String key : groups.owned()) {
            RuleGroup g = byKey.get(key);
            if (g == null) {
                acquiredAt.remove(key);
                Thread.ofVirtual().start(() -> groups.retire(key));
            } else {
                // Waits for the group's running iteration: not on the thread that renews the leases.
                Thread.ofVirtual().start(() -> groups.redefine(g));
            }
        }
        Thread.ofVirtual().start(this::tick);
    }

    /** Rendezvous hashing: the replica with the highest hash of (group, replica) evaluates the group. */
    static String preferred(String groupKey, List<String> replicas) {
        String best = null;
        long bestScore = 0;
        for (String r : replicas) {
            byte[] bytes = (groupKey + '\u0000' + r).getBytes(StandardCharsets.UTF_8);
            long score = XxHash64.hash(bytes, 0, bytes.length);
            if (best == null || Long.compareUnsigned(score, bestScore) > 0) {
                best = r;
                bestScore = score;
            }
        }
        return best;
    }
}

package io.vigil.alerting.manager.dispatch;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vigil.alerting.ha.Leases;
import io.vigil.alerting.manager.ManagerConfig;
import io.vigil.alerting.manager.nflog.LogEntry;
import io.vigil.alerting.manager.nflog.NotificationLog;
import io.vigil.alerting.manager.nflog.OutboxPublisher;
import io.vigil.alerting.manager.routing.RoutingConfig;
import io.vigil.alerting.manager.routing.RoutingHolder;
import io.vigil.alerting.manager.silence.Silence;
import io.vigil.alerting.manager.silence.SilenceStore;
import io.vigil.alerting.model.AlertsChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * The dispatcher: on the one replica holding lease {@value #LEASE}, routes the alerts into groups and
 * flushes each group after group_wait, then every group_interval; what a flush sends is decided by
 * {@link FlushDecision} against the notification log, so a restart or a new leader does not resend.
 * All work happens on one thread; {@link AlertsChanged} only asks that thread to look now.
 */
@ApplicationScoped
public class Dispatcher {
    public static final String LEASE = "dispatcher";
    private static final Logger LOG = Logger.getLogger(Dispatcher.class);

    private final Leases leases;
    private final RoutingHolder routing;
    private final AlertCache alerts;
    private final SilenceStore silences;
    private final NotificationLog nflog;
    private final OutboxPublisher publisher;
    private final ManagerConfig config;
    private final DispatchMetrics metrics;
    private final AtomicBoolean wakeQueued = new AtomicBoolean();
    private final AtomicBoolean publishQueued = new AtomicBoolean();
    private final AtomicInteger leader = new AtomicInteger();
    /** Next flush time per group id; confined to the dispatcher thread. */
    private final Map<String, Instant> nextFlush = new HashMap<>();
    private ScheduledExecutorService thread;
    /** Kafka waits happen here, so a slow or absent Kafka never delays lease renewal. */
    private ExecutorService publishing;
    private Leases.Lease lease;
    private Instant renewedAt = Instant.EPOCH;

    Dispatcher(Leases leases, RoutingHolder routing, AlertReader alerts, SilenceStore silences, NotificationLog nflog,
            OutboxPublisher publisher, ManagerConfig config, MeterRegistry registry) {
        this.leases = leases;
        this.routing = routing;
        this.alerts = new AlertCache(alerts);
        this.silences = silences;
        this.nflog = nflog;
        this.publisher = publisher;
        this.config = config;
        this.metrics = new DispatchMetrics(registry);
        registry.gauge("vigil.dispatcher.leader", leader);
    }

    void onStart(@Observes StartupEvent event) {
        thread = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "vigil-dispatcher"));
        publishing = Executors.newSingleThreadExecutor(r -> new Thread(r, "vigil-notification-publisher"));
        long ms = config.dispatchPollInterval().toMillis();
        thread.scheduleWithFixedDelay(this::tick, ms, ms, TimeUnit.MILLISECONDS);
    }

    void onStop(@Observes ShutdownEvent event) {
        if (thread != null) {
            thread.shutdownNow();
            publishing.shutdownNow();
        }
    }

    void onAlertsChanged(@ObservesAsync AlertsChanged event) {
        if (thread != null && wakeQueued.compareAndSet(false, true)) {
            thread.execute(() -> {
                wakeQueued.set(false);
                tick();
            });
        }
    }

    /** Whether this replica holds the dispatcher lease right now. */
    public boolean leading() {
        return leader.get() == 1;
    }

    /** Gives the lease up (a clean hand-over); the next tick may take it again if nobody else did. */
    public void stepDown() throws Exception {
        thread.submit(() -> {
            if (lease != null) {
                leases.release(lease);
            }
            lose();
            return null;
        }).get();
    }

    private void tick() {
        try {
            if (!holdLease()) {
                return;
            }
            dispatch(Instant.now());
            publish();
        } catch (Leases.LeaseLostException e) {
            LOG.warn("dispatcher lease lost during a flush; stopping until it is ours again");
            lose();
        } catch (SQLException | RuntimeException e) {
            LOG.warnf(e, "dispatch round failed; retrying at the next poll");
        }
    }

    private void publish() {
        if (publishQueued.compareAndSet(false, true)) {
            publishing.execute(() -> {
                publishQueued.set(false);
                try {
                    publisher.publishPending();
                } catch (SQLException | RuntimeException e) {
                    LOG.warnf(e, "publishing notifications failed; retrying at the next poll");
                }
            });
        }
    }

    private boolean holdLease() throws SQLException {
        Instant now = Instant.now();
        if (lease != null && now.isBefore(renewedAt.plus(leases.ttl().dividedBy(3)))) {
            return true;
        }
        Optional<Leases.Lease> got = leases.tryAcquire(LEASE);
        if (got.isEmpty()) {
            lose();
            return false;
        }
        if (lease == null || lease.token() != got.get().token()) {
            // A new term: what another holder did since is in the notification log, not in our memory.
            nextFlush.clear();
            alerts.reset();
            LOG.infof("this replica is now the dispatcher (lease token %d)", got.get().token());
        }
        lease = got.get();
        renewedAt = now;
        leader.set(1);
        return true;
    }

    private void lose() {
        if (lease != null) {
            LOG.info("this replica is no longer the dispatcher");
        }
        lease = null;
        nextFlush.clear();
        alerts.reset();
        leader.set(0);
    }

    private void dispatch(Instant now) throws SQLException {
        RoutingConfig rc = routing.current();
        List<ManagedAlert> all = alerts.current(now);
        List<Silence> sil = silences.all();
        Map<String, MuteStatus> mutes = Muting.of(all, sil, rc.inhibitRules(), now);
        metrics.observe(all, mutes, sil, now);
        Set<String> seen = new HashSet<>();
        for (AlertGroup g : Grouping.of(rc.root(), all)) {
            seen.add(g.id());
            Instant due = nextFlush.computeIfAbsent(g.id(), id -> firstFlush(g, now));
            if (now.isBefore(due)) {
                continue;
            }
            flush(g, mutes, now);
            nextFlush.put(g.id(), now.plus(g.route().groupInterval()));
        }
        nextFlush.keySet().retainAll(seen);
    }

    /** A new group waits group_wait, unless its oldest alert already started longer ago than that. */
    private static Instant firstFlush(AlertGroup g, Instant now) {
        Instant oldest = g.alerts().stream().map(ManagedAlert::startsAt).min(Instant::compareTo).orElse(now);
        Instant due = oldest.plus(g.route().groupWait());
        return due.isAfter(now) ? now.plus(g.route().groupWait()) : now;
    }

    private void flush(AlertGroup g, Map<String, MuteStatus> mutes, Instant now) throws SQLException {
        LogEntry last = nflog.get(g.receiver(), g.groupKey()).orElse(null);
        Optional<FlushDecision> d = FlushDecision.decide(g, mutes, last, now);
        if (d.isEmpty()) {
            return;
        }
        nflog.record(lease, g.receiver(), g.groupKey(), last, d.get().firingFingerprints(), d.get().resolvedFingerprints(), now,
                id -> Notifications.of(id, g, d.get(), config.externalUrl(), now));
    }
}

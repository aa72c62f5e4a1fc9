package io.vigil.alerting.rules;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.vigil.alerting.audit.AuditLog;
import io.vigil.alerting.model.Reloadable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The rules in force, loaded from {@code vigil.alerting.rules.dir} at start, on {@code POST /-/reload}
 * and whenever a file's content changes (polled every {@code vigil.alerting.rules.poll-interval}).
 * A bad file never replaces a good one: its errors are logged, kept for {@code GET /api/v1/rules/errors}
 * and shown by {@code vigil_rules_config_last_reload_successful 0}; its last good groups stay.
 *
 * <pre>
 * repository.addListener(rules -> scheduler.apply(rules));   // after every change
 * RuleSet now = repository.current();
 * </pre>
 */
@ApplicationScoped
public class RuleRepository implements Reloadable {
    private static final Logger LOG = Logger.getLogger(RuleRepository.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RuleDirectory directory;
    private final AuditLog audit;
    private final List<Consumer<RuleSet>> listeners = new CopyOnWriteArrayList<>();
    /** The actor of reloads made because the poll found changed files. */
    static final String FILE_WATCH = "file-watch";

    private final AtomicLong lastSuccessful = new AtomicLong();
    private final AtomicLong lastSuccessSeconds = new AtomicLong();
    private volatile RuleSet current = RuleSet.EMPTY;
    private volatile List<String> errors = List.of();

    RuleRepository(@ConfigProperty(name = "vigil.alerting.rules.dir") Optional<String> dir,
            @ConfigProperty(name = "vigil.alerting.rules.default-interval", defaultValue = "1m") Duration defaultInterval,
            AuditLog audit, MeterRegistry registry) {
        this.directory = new RuleDirectory(dir.filter(d -> !d.isBlank()).map(Path::of).orElse(null), defaultInterval);
        this.audit = audit;
        registry.gauge("vigil_rules_config_last_reload_successful", lastSuccessful);
        registry.gauge("vigil_rules_config_last_reload_success_timestamp_seconds", lastSuccessSeconds);
    }

    void onStart(@Observes StartupEvent event) {
        reload("startup");
    }

    @Scheduled(every = "${vigil.alerting.rules.poll-interval}", delayed = "${vigil.alerting.rules.poll-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        reload(FILE_WATCH);
    }

    @Override
    public String what() {
        return "rules";
    }

    public RuleSet current() {
        return current;
    }

    /** The errors of the last load (empty when every file is good). */
    public List<String> errors() {
        return errors;
    }

    /** Called with the new rule set after every change (on the reloading thread). */
    public void addListener(Consumer<RuleSet> listener) {
        listeners.add(listener);
    }

    /**
     * Installs a rule set directly, bypassing the files; for tests of the evaluation that need exact groups.
     * The next change of the files replaces it.
     */
    public void set(RuleSet rules) {
        current = rules;
        notifyListeners(rules);
    }

    @Override
    public synchronized List<String> reload(String actor) {
        List<String> previousErrors = errors;
        RuleDirectory.Result r = directory.load();
        errors = r.errors();
        if (r.filesChanged() || !r.errors().equals(previousErrors)) {
            for (String e : r.errors()) {
                LOG.errorf("rules: %s", e);
            }
        }
        lastSuccessful.set(r.errors().isEmpty() ? 1 : 0);
        // A poll that found nothing new is not a reload: the timestamp says when the rules last changed
        // (or were reloaded on request) successfully, as Prometheus' does.
        boolean reloaded = r.filesChanged() || !FILE_WATCH.equals(actor) || !previousErrors.isEmpty();
        if (r.errors().isEmpty() && reloaded) {
            lastSuccessSeconds.set(System.currentTimeMillis() / 1000);
        }
        if (r.filesChanged()) {
            record(actor, r);
        }
        if (r.groupsChanged()) {
            current = r.rules();
            LOG.infof("rules: %d groups loaded (%s)", r.rules().groups().size(), actor);
            notifyListeners(r.rules());
        }
        return r.errors();
    }

    private void notifyListeners(RuleSet rules) {
        for (Consumer<RuleSet> l : listeners) {
            try {
                l.accept(rules);
            } catch (RuntimeException e) {
                LOG.errorf(e, "rules: a listener failed on the new rule set");
            }
        }
    }

    private void record(String actor, RuleDirectory.Result r) {
        ObjectNode detail = JSON.createObjectNode();
        detail.putPOJO("added", r.added());
        detail.putPOJO("changed", r.changed());
        detail.putPOJO("removed", r.removed());
        detail.put("groups", r.rules().groups().size());
        detail.put("errors", r.errors().size());
        try {
            audit.record(actor, "rules.reload", "rules", JSON.writeValueAsString(detail));
        } catch (SQLException | com.fasterxml.jackson.core.JsonProcessingException e) {
            LOG.warnf("rules: the audit log did not take the reload by %s: %s", actor, e.getMessage());
        }
    }
}

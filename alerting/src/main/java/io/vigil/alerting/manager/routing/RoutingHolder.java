package io.vigil.alerting.manager.routing;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.vigil.alerting.audit.AuditLog;
import io.vigil.alerting.manager.ManagerConfig;
import io.vigil.alerting.model.Reloadable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * The routing configuration in force. Loaded at start (an invalid file stops the service: better than
 * routing pages nowhere), then reloaded on {@code POST /-/reload} and when the file changes; a reload
 * that finds errors keeps the previous configuration and reports them.
 */
@ApplicationScoped
public class RoutingHolder implements Reloadable {
    private static final Logger LOG = Logger.getLogger(RoutingHolder.class);

    private final ManagerConfig config;
    private final AuditLog audit;
    private volatile RoutingConfig current = RoutingConfig.defaults();
    private volatile List<String> lastErrors = List.of();
    private String lastBadText;

    RoutingHolder(ManagerConfig config, AuditLog audit) {
        this.config = config;
        this.audit = audit;
    }

    void onStart(@Observes StartupEvent event) {
        if (config.routingFile().isEmpty()) {
            LOG.info("no routing file (vigil.alerting.routing-file): every alert goes to receiver \"default\"");
            return;
        }
        List<String> errors = load("startup");
        if (!errors.isEmpty()) {
            throw new IllegalStateException("routing file is invalid:\n" + String.join("\n", errors));
        }
    }

    public RoutingConfig current() {
        return current;
    }

    @Override
    public String what() {
        return "routing";
    }

    @Override
    public synchronized List<String> reload(String actor) {
        if (config.routingFile().isEmpty()) {
            return List.of();
        }
        return load(actor);
    }

    @Scheduled(every = "${vigil.alerting.routing-poll-interval:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    synchronized void poll() {
        if (config.routingFile().isEmpty()) {
            return;
        }
        try {
            String text = Files.readString(Path.of(config.routingFile().get()), StandardCharsets.UTF_8);
            // A file already found bad is not reported again every poll; only its next change.
            if (!text.equals(current.original()) && !text.equals(lastBadText)) {
                load("file-change");
            }
        } catch (IOException e) {
            LOG.warnf("routing file %s cannot be read (%s); keeping the current configuration", config.routingFile().get(), e.getMessage());
        }
    }

    private List<String> load(String actor) {
        String file = config.routingFile().get();
        String text;
        try {
            text = Files.readString(Path.of(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return List.of(file + ": cannot be read: " + e.getMessage());
        }
        RoutingParser.Result result = RoutingParser.parse(file, text);
        if (!result.errors().isEmpty()) {
            lastBadText = text;
            lastErrors = result.errors();
            LOG.errorf("routing file %s has errors; keeping the previous configuration:%n%s", file, String.join("\n", result.errors()));
            return result.errors();
        }
        boolean changed = !text.equals(current.original());
        current = result.config();
        lastBadText = null;
        lastErrors = List.of();
        if (changed) {
            try {
                audit.record(actor, "reload", "routing", new ObjectMapper().writeValueAsString(Map.of("file", file,
                        "routes", result.config().root().flatten().size(), "receivers", result.config().receivers())));
            } catch (SQLException | IOException e) {
                LOG.warnf("routing reload could not be written to the audit log: %s", e.getMessage());
            }
        }
        return List.of();
    }

    /** The errors of the last failed load, empty after a good one. */
    public List<String> lastErrors() {
        return lastErrors;
    }
}

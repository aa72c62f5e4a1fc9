package io.vigil.alerting.manager;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The alert manager's settings. Plain properties rather than a {@code @ConfigMapping}: they share the
 * {@code vigil.alerting} prefix with eval's and rules' keys, and a mapping rooted there would refuse theirs.
 */
@ApplicationScoped
public class ManagerConfig {
    private final Optional<String> routingFile;
    private final Duration routingPollInterval;
    private final Duration dispatchPollInterval;
    private final String externalUrl;

    ManagerConfig(@ConfigProperty(name = "vigil.alerting.routing-file") Optional<String> routingFile,
            @ConfigProperty(name = "vigil.alerting.routing-poll-interval", defaultValue = "5s") Duration routingPollInterval,
            @ConfigProperty(name = "vigil.alerting.dispatch-poll-interval", defaultValue = "500ms") Duration dispatchPollInterval,
            @ConfigProperty(name = "vigil.alerting.external-url", defaultValue = "http://127.0.0.1:7203") String externalUrl) {
        this.routingFile = routingFile.filter(f -> !f.isBlank());
        this.routingPollInterval = routingPollInterval;
        this.dispatchPollInterval = dispatchPollInterval;
        this.externalUrl = externalUrl;
    }

    /** The routing file (Alertmanager's alertmanager.yml, subset); unset = everything to receiver "default". */
    public Optional<String> routingFile() {
        return routingFile;
    }

    /** How often the routing file is checked for changes (default 5s). */
    public Duration routingPollInterval() {
        return routingPollInterval;
    }

    /** How often the dispatcher reads the alerts table, besides when eval says alerts changed (default 500ms). */
    public Duration dispatchPollInterval() {
        return dispatchPollInterval;
    }

    /** The address of this service as users reach it; sent in notifications as externalURL. */
    public String externalUrl() {
        return externalUrl;
    }
}

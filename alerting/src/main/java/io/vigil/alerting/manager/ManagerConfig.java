package io.vigil.alerting.manager;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** The alert manager's settings. */
@ConfigMapping(prefix = "vigil.alerting")
public interface ManagerConfig {
    /** The routing file (Alertmanager's alertmanager.yml, subset); unset = everything to receiver "default". */
    Optional<String> routingFile();

    /** How often the routing file is checked for changes. */
    @WithDefault("5s")
    Duration routingPollInterval();

    /** How often the dispatcher looks at the alerts table (besides when eval says alerts changed). */
    @WithDefault("500ms")
    Duration dispatchPollInterval();

    /** The address of this service as users reach it; sent in notifications as externalURL. */
    @WithDefault("http://127.0.0.1:7203")
    String externalUrl();
}

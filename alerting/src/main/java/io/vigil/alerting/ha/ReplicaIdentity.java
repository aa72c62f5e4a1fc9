package io.vigil.alerting.ha;

import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetAddress;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * This replica's name in leases ({@code vigil.alerting.replica-id}; in Kubernetes the pod name). Unset:
 * host name and process id, so two replicas on one machine differ.
 */
@ApplicationScoped
public class ReplicaIdentity {
    private final String id;
    private final Instant startedAt = Instant.now();

    ReplicaIdentity(@ConfigProperty(name = "vigil.alerting.replica-id") Optional<String> configured) {
        this.id = configured.filter(s -> !s.isBlank()).orElseGet(ReplicaIdentity::defaultId);
    }

    private static String defaultId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "localhost";
        }
        return host + "-" + ProcessHandle.current().pid();
    }

    public String id() {
        return id;
    }

    public Instant startedAt() {
        return startedAt;
    }
}

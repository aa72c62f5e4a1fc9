package io.vigil.alerting.ha;

import io.agroal.api.AgroalDataSource;
import java.time.Duration;
import java.util.Optional;

/** Test fixture: a second (third…) replica's leases in the same database, under its own name. */
public final class TestReplicas {
    private TestReplicas() {
    }

    public static Leases leases(AgroalDataSource dataSource, String replicaId, Duration ttl) {
        return new Leases(dataSource, new ReplicaIdentity(Optional.of(replicaId)), ttl);
    }
}

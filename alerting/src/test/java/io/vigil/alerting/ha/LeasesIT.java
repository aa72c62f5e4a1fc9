package io.vigil.alerting.ha;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vigil.testkit.VigilInfraResource;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Two replicas (two Leases with different ids) competing for the same leases in one database. */
@QuarkusTest
@WithTestResource(value = VigilInfraResource.class, initArgs = @ResourceArg(name = "redis", value = "false"))
class LeasesIT {
    @Inject
    AgroalDataSource dataSource;

    private Leases replica(String id, Duration ttl) {
        return new Leases(dataSource, new ReplicaIdentity(Optional.of(id)), ttl);
    }

    @Test
    void exactlyOneReplicaAcquiresAndExpiryHandsOverWithALargerToken() throws Exception {
        Leases a = replica("replica-a", Duration.ofMillis(800));
        Leases b = replica("replica-b", Duration.ofMillis(800));
        Optional<Leases.Lease> first = a.tryAcquire("group:handover");
        assertThat(first).isPresent();
        assertThat(b.tryAcquire("group:handover")).isEmpty();
        // Renewing keeps the token.
        assertThat(a.tryAcquire("group:handover").orElseThrow().token()).isEqualTo(first.get().token());

        Thread.sleep(1000); // a stops renewing: the lease expires
        Leases.Lease taken = b.tryAcquire("group:handover").orElseThrow();
        assertThat(taken.token()).isGreaterThan(first.get().token());
        assertThat(a.renewAll()).noneMatch(l -> l.name().equals("group:handover"));
        assertThat(a.tryAcquire("group:handover")).isEmpty();

        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            assertThatThrownBy(() -> a.checkHeld(c, first.get())).isInstanceOf(Leases.LeaseLostException.class);
            c.rollback();
            b.checkHeld(c, taken);
            c.commit();
        }
    }

    @Test
    void releaseHandsOverAtOnceAndOnlyLiveReplicasAreListed() throws Exception {
        Leases a = replica("replica-c", Duration.ofSeconds(30));
        Leases b = replica("replica-d", Duration.ofMillis(500));
        Leases.Lease lease = a.tryAcquire("group:released").orElseThrow();
        a.release(lease);
        assertThat(b.tryAcquire("group:released")).isPresent();

        a.heartbeat();
        b.heartbeat();
        assertThat(a.liveReplicas()).contains("replica-c", "replica-d");
        Thread.sleep(700);
        assertThat(b.liveReplicas()).doesNotContain("replica-d");
    }
}

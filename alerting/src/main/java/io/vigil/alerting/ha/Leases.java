package io.vigil.alerting.ha;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Leases in the database ({@code alerting_leases}): a named piece of work (a rule group, the dispatcher)
 * belongs to one replica until its lease expires. Every hand-over increments the lease's fencing token;
 * a write made under a lease calls {@link #checkHeld} inside its own transaction, which locks the lease
 * row and fails if the lease moved on, so a replica that was paused past its lease cannot overwrite the
 * new holder's work. All times are the database's clock.
 */
@ApplicationScoped
public class Leases {
    /** A lease this replica holds, valid until {@code expiresAt} unless renewed. */
    public record Lease(String name, String owner, long token, Instant expiresAt) {
    }

    /** Thrown by {@link #checkHeld} when the lease is no longer this replica's. */
    public static final class LeaseLostException extends SQLException {
        public LeaseLostException(String name) {
            super("lease " + name + " is no longer held by this replica");
        }
    }

    private final AgroalDataSource dataSource;
    private final ReplicaIdentity replica;
    private final Duration ttl;

    Leases(AgroalDataSource dataSource, ReplicaIdentity replica,
            @ConfigProperty(name = "vigil.alerting.ha.lease-ttl", defaultValue = "10s") Duration ttl) {
        this.dataSource = dataSource;
        this.replica = replica;
        this.ttl = ttl;
    }

    public String replicaId() {
        return replica.id();
    }

    public Duration ttl() {
        return ttl;
    }

    /**
     * Takes the lease if it is free, expired or already ours (then it is renewed and keeps its token).
     * Empty if another replica holds it.
     */
    public Optional<Lease> tryAcquire(String name) throws SQLException {
        String sql = """
                INSERT INTO alerting_leases (name, owner, token, expires_at)
                VALUES (?, ?, 1, now() + ? * interval '1 millisecond')
                ON CONFLICT (name) DO UPDATE SET
                    owner = EXCLUDED.owner,
                    token = CASE WHEN alerting_leases.owner = EXCLUDED.owner AND alerting_leases.expires_at > now()
                                 THEN alerting_leases.token ELSE alerting_leases.token + 1 END,
                    expires_at = EXCLUDED.expires_at
                WHERE alerting_leases.owner = EXCLUDED.owner OR alerting_leases.expires_at <= now()
                RETURNING token, expires_at""";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, name);
            ps.setString(2, replica.id());
            ps.setLong(3, ttl.toMillis());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Lease(name, replica.id(), rs.getLong(1), rs.getTimestamp(2).toInstant()));
            }
        }
    }

    /** Renews every lease this replica still holds and returns them; a lease missing here was lost. */
    public List<Lease> renewAll() throws SQLException {
        String sql = """
                UPDATE alerting_leases SET expires_at = now() + ? * interval '1 millisecond'
                WHERE owner = ? AND expires_at > now()
                RETURNING name, token, expires_at""";
        List<Lease> held = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, ttl.toMillis());
            ps.setString(2, replica.id());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    held.add(new Lease(rs.getString(1), replica.id(), rs.getLong(2), rs.getTimestamp(3).toInstant()));
                }
            }
        }
        return held;
    }

    /** Gives the lease up at once (a clean hand-over), if it is still ours. */
    public void release(Lease lease) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "UPDATE alerting_leases SET expires_at = now() WHERE name = ? AND owner = ? AND token = ?")) {
            ps.setString(1, lease.name());
            ps.setString(2, lease.owner());
            ps.setLong(3, lease.token());
            ps.executeUpdate();
        }
    }

    /**
     * Fencing: inside the caller's transaction (auto-commit off), locks the lease row until commit and
     * throws {@link LeaseLostException} unless it is still held by us with the same token.
     */
    public void checkHeld(Connection inTransaction, Lease lease) throws SQLException {
        try (PreparedStatement ps = inTransaction.prepareStatement("""
                SELECT 1 FROM alerting_leases
                WHERE name = ? AND owner = ? AND token = ? AND expires_at > now()
                FOR SHARE""")) {
            ps.setString(1, lease.name());
            ps.setString(2, lease.owner());
            ps.setLong(3, lease.token());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new LeaseLostException(lease.name());
                }
            }
        }
    }

    /** Records that this replica is alive; called at least every ttl / 3. */
    public void heartbeat() throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                INSERT INTO alerting_replicas (replica, started_at, heartbeat_at) VALUES (?, ?, now())
                ON CONFLICT (replica) DO UPDATE SET heartbeat_at = now()""")) {
            ps.setString(1, replica.id());
            ps.setTimestamp(2, Timestamp.from(replica.startedAt()));
            ps.executeUpdate();
        }
    }

    /** Replicas whose heartbeat is younger than the lease time, sorted by id. */
    public List<String> liveReplicas() throws SQLException {
        List<String> live = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT replica FROM alerting_replicas WHERE heartbeat_at > now() - ? * interval '1 millisecond' ORDER BY replica")) {
            ps.setLong(1, ttl.toMillis());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    live.add(rs.getString(1));
                }
            }
        }
        return live;
    }

    /** On a clean stop: leave the replica list and free every lease at once, so others take over now. */
    void onStop(@Observes ShutdownEvent event) {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE alerting_leases SET expires_at = now() WHERE owner = ? AND expires_at > now()")) {
                ps.setString(1, replica.id());
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM alerting_replicas WHERE replica = ?")) {
                ps.setString(1, replica.id());
                ps.executeUpdate();
            }
        } catch (SQLException e) {
            // The leases then simply expire.
        }
    }
}

package io.vigil.migrations;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Applies the schema. Used by {@code ./vigil up}, by the test fixtures and (as a Kubernetes Job) in
 * production; the services themselves never change the schema.
 *
 * <pre>{@code
 * java -jar db-migrations/target/vigil-db-migrations.jar jdbc:postgresql://127.0.0.1:5432/vigil?sslmode=disable
 * }</pre>
 *
 * User and password come from {@code VIGIL_DB_USER} / {@code VIGIL_DB_PASSWORD} (default {@code vigil}).
 */
public final class Migrate {
    /** Where the SQL lives on the classpath. */
    public static final String LOCATION = "classpath:db/migration";

    private Migrate() {
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: Migrate <jdbc-url>   (credentials from VIGIL_DB_USER / VIGIL_DB_PASSWORD)");
            System.exit(2);
        }
        String user = envOr("VIGIL_DB_USER", "vigil");
        String password = envOr("VIGIL_DB_PASSWORD", "vigil");
        MigrateResult result = apply(args[0], user, password);
        System.out.println("schema at version " + result.targetSchemaVersion + " (" + result.migrationsExecuted
                + " migrations applied now)");
    }

    /** Migrates the database at {@code jdbcUrl} to the newest version. */
    public static MigrateResult apply(String jdbcUrl, String user, String password) {
        Flyway flyway = Flyway.configure()
                .dataSource(jdbcUrl, user, password)
                .locations(LOCATION)
                // The embedded single-session server deadlocks on Flyway's default transactional lock
                // (TIMESCALEDB-EMBEDDED.md); an advisory session lock is enough there and on a real server.
                .configuration(java.util.Map.of("flyway.postgresql.transactional.lock", "false"))
                .connectRetries(30)
                .load();
        return flyway.migrate();
    }

    private static String envOr(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}

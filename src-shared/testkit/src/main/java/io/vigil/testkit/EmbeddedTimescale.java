package io.vigil.testkit;

import io.vigil.migrations.Migrate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Real TimescaleDB (PGlite + TimescaleDB in WebAssembly) behind the project's own wire server
 * ({@code dev/timescaledb/server.mjs}), on a free port, with the schema of db-migrations applied.
 * Installs the server's npm packages ({@code npm ci}) the first time.
 */
public final class EmbeddedTimescale implements AutoCloseable {
    public static final String USER = "vigil";
    public static final String PASSWORD = "vigil";

    private final ChildProcess process;
    private final int port;

    private EmbeddedTimescale(ChildProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts a server over {@code dataDir} (a directory, or {@code memory://}) and migrates it. */
    public static EmbeddedTimescale start(String dataDir) {
        return start(dataDir, FreePorts.find());
    }

    /** Starts a server over {@code dataDir} on {@code port} (to come back where clients expect it). */
    public static EmbeddedTimescale start(String dataDir, int port) {
        Path serverDir = RepoRoot.get().resolve("dev/timescaledb");
        ensureInstalled(serverDir);
        ChildProcess process = ChildProcess.start("timescaledb",
                List.of("node", "server.mjs", "--host", "127.0.0.1", "--port", String.valueOf(port), "--data", dataDir),
                serverDir, Map.of(), line -> line.contains("vigil-timescaledb ready"));
        process.awaitReady(Duration.ofSeconds(120));
        EmbeddedTimescale db = new EmbeddedTimescale(process, port);
        Migrate.apply(db.jdbcUrl(), USER, PASSWORD);
        return db;
    }

    public static EmbeddedTimescale startInMemory() {
        return start("memory://");
    }

    private static void ensureInstalled(Path serverDir) {
        if (Files.isDirectory(serverDir.resolve("node_modules"))) {
            return;
        }
        try {
            Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(serverDir.toFile())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!npm.waitFor(10, TimeUnit.MINUTES) || npm.exitValue() != 0) {
                throw new IllegalStateException("npm ci failed in " + serverDir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run npm ci in " + serverDir + " (is node installed?)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public int port() {
        return port;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/vigil?sslmode=disable";
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), USER, PASSWORD);
    }

    public ChildProcess process() {
        return process;
    }

    @Override
    public void close() {
        process.close();
    }
}

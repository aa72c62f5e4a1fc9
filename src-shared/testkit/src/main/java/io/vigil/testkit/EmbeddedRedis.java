package io.vigil.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Debian's redis-server on a free loopback port, without persistence (it is a cache). */
public final class EmbeddedRedis implements AutoCloseable {
    private volatile ChildProcess process;
    private final int port;

    private EmbeddedRedis(ChildProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    public static EmbeddedRedis start() {
        int port = FreePorts.find();
        return new EmbeddedRedis(launch(port), port);
    }

    private static ChildProcess launch(int port) {
        ChildProcess process = ChildProcess.start("redis", List.of(findBinary(), "--bind", "127.0.0.1", "--port",
                String.valueOf(port), "--save", "", "--appendonly", "no"), Path.of(System.getProperty("java.io.tmpdir")),
                Map.of(), line -> line.contains("Ready to accept connections"));
        process.awaitReady(Duration.ofSeconds(30));
        return process;
    }

    /** Kills Redis (an outage); {@link #restart()} brings an empty one back on the same port. */
    public void kill() {
        process.kill();
    }

    public void restart() {
        if (!process.isAlive()) {
            process = launch(port);
        }
    }

    private static String findBinary() {
        for (String candidate : List.of("/usr/bin/redis-server", "/usr/local/bin/redis-server", "/usr/sbin/redis-server")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        throw new IllegalStateException("redis-server not found: install it with "
                + "'apt-get install -y --no-install-recommends redis-server' (./vigil test does this)");
    }

    public int port() {
        return port;
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    public ChildProcess process() {
        return process;
    }

    @Override
    public void close() {
        process.close();
    }
}

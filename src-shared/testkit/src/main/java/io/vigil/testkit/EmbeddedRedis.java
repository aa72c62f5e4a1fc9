package io.vigil.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Debian's redis-server on a free loopback port, without persistence (it is a cache). */
public final class EmbeddedRedis implements AutoCloseable {
    private final ChildProcess process;
    private final int port;

    private EmbeddedRedis(ChildProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    public static EmbeddedRedis start() {
        String binary = findBinary();
        int port = FreePorts.find();
        ChildProcess process = ChildProcess.start("redis", List.of(binary, "--bind", "127.0.0.1", "--port",
                String.valueOf(port), "--save", "", "--appendonly", "no"), Path.of(System.getProperty("java.io.tmpdir")),
                Map.of(), line -> line.contains("Ready to accept connections"));
        process.awaitReady(Duration.ofSeconds(30));
        return new EmbeddedRedis(process, port);
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

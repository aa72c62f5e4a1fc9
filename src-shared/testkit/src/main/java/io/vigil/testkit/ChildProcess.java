package io.vigil.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A process started by a test fixture: its output is kept (last lines, for failure messages) and
 * echoed to a log prefix only when asked; it is stopped by its own PID when the JVM exits.
 */
public final class ChildProcess implements AutoCloseable {
    private final String name;
    private final Process process;
    private final Deque<String> tail = new ArrayDeque<>();
    private final CountDownLatch ready = new CountDownLatch(1);
    private volatile String readyLine;

    private ChildProcess(String name, Process process, Predicate<String> readyWhen) {
        this.name = name;
        this.process = process;
        Thread reader = new Thread(() -> pump(readyWhen), name + "-output");
        reader.setDaemon(true);
        reader.start();
        Runtime.getRuntime().addShutdownHook(new Thread(this::close, name + "-stop"));
    }

    /** Starts {@code command} in {@code dir}; {@code readyWhen} recognises the line that says it is up. */
    public static ChildProcess start(String name, List<String> command, java.nio.file.Path dir,
            java.util.Map<String, String> env, Predicate<String> readyWhen) {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        try {
            return new ChildProcess(name, pb.start(), readyWhen);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + command, e);
        }
    }

    private void pump(Predicate<String> readyWhen) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                synchronized (tail) {
                    tail.addLast(line);
                    if (tail.size() > 200) {
                        tail.removeFirst();
                    }
                }
                if (Boolean.getBoolean("vigil.test.echo")) {
                    System.out.println("[" + name + "] " + line);
                }
                if (readyLine == null && readyWhen != null && readyWhen.test(line)) {
                    readyLine = line;
                    ready.countDown();
                }
            }
        } catch (IOException ignored) {
            // the process ended; its exit is reported by awaitReady or by the test that needed it
        }
    }

    /** Waits for the ready line and returns it; fails with the process's last output otherwise. */
    public String awaitReady(Duration timeout) {
        try {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!ready.await(100, TimeUnit.MILLISECONDS)) {
                if (!process.isAlive()) {
                    throw new IllegalStateException(name + " exited with " + process.exitValue() + ":\n" + tail());
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(name + " not ready within " + timeout + ":\n" + tail());
                }
            }
            return readyLine;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public String tail() {
        synchronized (tail) {
            return String.join("\n", tail);
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Kills the process at once (SIGKILL), as a crash would. */
    public void kill() {
        process.destroyForcibly();
        waitFor(Duration.ofSeconds(10));
    }

    /** Stops the process politely (SIGTERM), then forcibly after 15 s. */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            if (!waitFor(Duration.ofSeconds(15))) {
                process.destroyForcibly();
                waitFor(Duration.ofSeconds(5));
            }
        }
    }

    private boolean waitFor(Duration d) {
        try {
            return process.waitFor(d.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}

package io.vigil.systest;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A webhook consumer on loopback for system tests: counts deliveries per notification id (the
 * X-Vigil-Notification-Id header), can answer slowly, and can go down and come back on the same port.
 */
final class LoopbackWebhook implements AutoCloseable {
    final int port;
    final Map<String, AtomicInteger> received = new ConcurrentHashMap<>();
    final List<Long> receivedAtNanos = new CopyOnWriteArrayList<>();
    /** When each notification id first arrived (System.nanoTime). */
    final Map<String, Long> firstReceivedNanos = new ConcurrentHashMap<>();
    volatile Duration delay = Duration.ZERO;
    private HttpServer server;

    LoopbackWebhook() {
        this.port = io.vigil.testkit.FreePorts.find();
        up();
    }

    synchronized void up() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            try (exchange; InputStream in = exchange.getRequestBody()) {
                in.readAllBytes();
                String id = exchange.getRequestHeaders().getFirst("X-Vigil-Notification-Id");
                if (!delay.isZero()) {
                    Thread.sleep(delay.toMillis());
                }
                long now = System.nanoTime();
                firstReceivedNanos.putIfAbsent(String.valueOf(id), now);
                received.computeIfAbsent(String.valueOf(id), k -> new AtomicInteger()).incrementAndGet();
                receivedAtNanos.add(now);
                exchange.sendResponseHeaders(200, -1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.start();
    }

    /** Stops answering: connections are refused until {@link #up()}. */
    synchronized void down() {
        server.stop(0);
    }

    String url() {
        return "http://127.0.0.1:" + port + "/hook";
    }

    int total() {
        return received.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    @Override
    public void close() {
        down();
    }
}

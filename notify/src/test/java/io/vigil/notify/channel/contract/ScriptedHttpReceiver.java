package io.vigil.notify.channel.contract;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A real HTTP receiver on loopback that answers from a script, standing in for a webhook endpoint,
 * PagerDuty or Twilio, and records every request it got.
 *
 * <pre>{@code
 * try (var receiver = ScriptedHttpReceiver.start()) {
 *     receiver.reply(Reply.status(429).header("Retry-After", "7"));   // the first request
 *     receiver.otherwise(Reply.status(202));                           // every later one
 *     ... deliver to receiver.uri("/v2/enqueue") ...
 *     receiver.requests().get(0).json();
 * }
 * }</pre>
 *
 * A {@link Reply#hang()} holds the request until the receiver is closed, so a client timeout can be
 * tested without leaving threads behind.
 */
public final class ScriptedHttpReceiver implements AutoCloseable {

    /** One scripted answer. */
    public record Reply(int status, Map<String, String> headers, String body, Duration delay, boolean hangs) {

        public static Reply status(int status) {
            return new Reply(status, Map.of(), "", Duration.ZERO, false);
        }

        /** Never answers: the request stays open until the receiver closes. */
        public static Reply hang() {
            return new Reply(0, Map.of(), "", Duration.ZERO, true);
        }

        public Reply header(String name, String value) {
            Map<String, String> h = new LinkedHashMap<>(headers);
            h.put(name, value);
            return new Reply(status, h, body, delay, hangs);
        }

        public Reply body(String text) {
            return new Reply(status, headers, text, delay, hangs);
        }

        public Reply after(Duration wait) {
            return new Reply(status, headers, body, wait, hangs);
        }
    }

    /** What the receiver saw of one request; header names are lower case. */
    public record Request(String method, URI uri, Map<String, List<String>> headers, byte[] body) {

        public String path() {
            return uri.getPath();
        }

        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.get(0);
        }

        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final HttpServer server;
    private final ExecutorService handlers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "scripted-http-receiver");
        t.setDaemon(true);
        return t;
    });
    private final CountDownLatch closing = new CountDownLatch(1);
    private final Deque<Reply> script = new ArrayDeque<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private Reply otherwise = Reply.status(200);

    private ScriptedHttpReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/", this::handle);
        server.setExecutor(handlers);
        server.start();
    }

    public static ScriptedHttpReceiver start() {
        try {
            return new ScriptedHttpReceiver();
        } catch (IOException e) {
            throw new IllegalStateException("cannot bind a loopback port", e);
        }
    }

    /** A loopback URL nobody listens on, so connecting to it is refused. */
    public static URI refusingUri(String path) {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return URI.create("http://127.0.0.1:" + s.getLocalPort() + path);
        } catch (IOException e) {
            throw new IllegalStateException("cannot find a free loopback port", e);
        }
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    /** Queues the answer to the next unanswered request. */
    public synchronized ScriptedHttpReceiver reply(Reply reply) {
        script.addLast(reply);
        return this;
    }

    /** The answer once the script is used up (200 unless set). */
    public synchronized ScriptedHttpReceiver otherwise(Reply reply) {
        otherwise = reply;
        return this;
    }

    public List<Request> requests() {
        return Collections.unmodifiableList(requests);
    }

    private synchronized Reply next() {
        Reply r = script.pollFirst();
        return r != null ? r : otherwise;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            Map<String, List<String>> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
            requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI(), headers, body));

            Reply reply = next();
            if (reply.hangs()) {
                closing.await();
                return;
            }
            if (!reply.delay().isZero() && closing.await(reply.delay().toMillis(), TimeUnit.MILLISECONDS)) {
                return;
            }
            reply.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            byte[] out = reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(reply.status(), out.length == 0 ? -1 : out.length);
            if (out.length > 0) {
                try (OutputStream os = exchange.getResponseBody()) {
                    os.write(out);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        handlers.shutdownNow();
    }
}

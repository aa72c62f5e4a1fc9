import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * End-to-end load generator for the gateway (a single-file program).
 *
 * <p>Workload (the documented one): {@code hosts} × {@code metrics} series (labels host, pool = host / 10,
 * region = host % 4), one sample per series every 10 s, {@code steps} steps ending now (720 steps = 2 h
 * = 7.2 M samples for 10,000 series), sent as requests of {@code batch} samples over {@code connections}
 * parallel connections. A generator thread builds the bodies just ahead of the senders (bounded queue).
 * It prints the acknowledged push rate, and with {@code --gateway-pid} the gateway's CPU time
 * (utime + stime from /proc/&lt;pid&gt;/stat) and samples per gateway CPU-second; then it waits until
 * the writer's {@code vigil_writer_samples_written_total} grew by the samples sent and prints the end-to-end
 * rate. Bounded: it stops after the samples are sent and stored, or after {@code timeout} seconds.
 *
 * <p>Formats: {@code json} (Vigil's JSON push), {@code remote-write} (Prometheus remote write 1.0,
 * snappy; {@code remote-write-2} for 2.0), {@code line} (reserved for the Influx line protocol). The
 * remote write bodies are built with Vigil's own encoder, so put it on the class path:
 *
 * <pre>
 * java dev/loadgen/PushLoad.java [--format json] [--ingest http://127.0.0.1:7201] [--hosts 100] [--metrics 100]
 *      [--steps 720] [--batch 5000] [--connections 4] [--timeout 900] [--end unix-seconds] [--gateway-pid PID] [--retry]
 * java -cp src-shared/target/classes:$HOME/.m2/repository/io/airlift/aircompressor/0.27/aircompressor-0.27.jar \
 *      dev/loadgen/PushLoad.java --format remote-write --gateway-pid $(pgrep -f quarkus-run.jar | head -1)
 * </pre>
 */
public class PushLoad {
    /** Builds request bodies of one protocol. */
    interface Format {
        String path();

        Map<String, String> headers();

        int okStatus();

        /** A body with the series [from, to) of the workload at time t (ms). */
        byte[] body(int from, int to, long t, int hosts, int metrics) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        String ingest = arg(args, "--ingest", "http://127.0.0.1:7201");
        String formatName = arg(args, "--format", "json");
        int hosts = Integer.parseInt(arg(args, "--hosts", "100"));
        int metrics = Integer.parseInt(arg(args, "--metrics", "100"));
        int steps = Integer.parseInt(arg(args, "--steps", "720"));
        int batch = Integer.parseInt(arg(args, "--batch", "5000"));
        int connections = Integer.parseInt(arg(args, "--connections", "4"));
        long timeoutSeconds = Long.parseLong(arg(args, "--timeout", "900"));
        String gatewayPid = arg(args, "--gateway-pid", null);
        boolean retry = java.util.Arrays.asList(args).contains("--retry");
        Format format = switch (formatName) {
            case "json" -> new JsonFormat();
            case "remote-write" -> new RemoteWriteFormat(false);
            case "remote-write-2" -> new RemoteWriteFormat(true);
            case "line" -> throw new UnsupportedOperationException("--format line: the Influx line protocol endpoint is "
                    + "not wired yet; add a Format here (body = one line per sample) when it is");
            default -> throw new IllegalArgumentException("unknown --format " + formatName);
        };
        int series = hosts * metrics;
        long total = (long) series * steps;
        // --end (Unix seconds) moves the window, so that repeated runs write new samples, not duplicates.
        long end = Long.parseLong(arg(args, "--end", Long.toString(System.currentTimeMillis() / 1000))) * 1000 / 10_000 * 10_000;
        long start = end - (steps - 1) * 10_000L;

        BlockingQueue<byte[]> bodies = new ArrayBlockingQueue<>(connections * 4);
        byte[] poison = new byte[0];
        Thread generator = Thread.ofPlatform().name("generator").start(() -> {
            try {
                for (int s = 0; s < steps; s++) {
                    for (int from = 0; from < series; from += batch) {
                        bodies.put(format.body(from, Math.min(series, from + batch), start + s * 10_000L, hosts, metrics));
                    }
                }
                for (int c = 0; c < connections; c++) {
                    bodies.put(poison);
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        double before = written(http, ingest);
        System.out.printf("workload: %s, %d series (%d hosts x %d metrics), %d steps of 10 s, %d samples in requests of <= %d,"
                + " %d connections%n", formatName, series, hosts, metrics, steps, total, batch, connections);
        AtomicLong failed = new AtomicLong();
        AtomicLong unavailable = new AtomicLong();
        AtomicLong firstRefusalNanos = new AtomicLong();
        AtomicLong lastRefusalNanos = new AtomicLong();
        long cpuBefore = gatewayPid == null ? 0 : cpuTicks(gatewayPid);
        long t0 = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(connections);
        List<Future<?>> workers = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            workers.add(pool.submit(() -> {
                for (byte[] body = bodies.take(); body != poison; body = bodies.take()) {
                    while (true) {
                        int status;
                        String answer;
                        String retryAfter = null;
                        try {
                            HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(ingest + format.path())).timeout(Duration.ofSeconds(60));
                            format.headers().forEach(r::header);
                            HttpResponse<String> response = http.send(r.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                                    HttpResponse.BodyHandlers.ofString());
                            status = response.statusCode();
                            answer = response.body();
                            retryAfter = response.headers().firstValue("Retry-After").orElse(null);
                        } catch (Exception e) {
                            status = -1;
                            answer = e.toString();
                        }
                        if (status == format.okStatus()) {
                            break;
                        }
                        // --retry: behave like Prometheus' remote write queue, which resends on 5xx and 429
                        // after Retry-After, so that an outage delays samples instead of dropping them.
                        if (retry && (status >= 500 || status == 429 || status == -1)) {
                            unavailable.incrementAndGet();
                            long firstRefusal = firstRefusalNanos.get();
                            if (firstRefusal == 0) {
                                firstRefusalNanos.compareAndSet(0, System.nanoTime());
                            }
                            lastRefusalNanos.set(System.nanoTime());
                            Thread.sleep(retryAfter == null ? 1000 : Math.min(10_000, Long.parseLong(retryAfter.trim()) * 1000));
                            continue;
                        }
                        failed.incrementAndGet();
                        System.err.println("push answered " + status + ": " + answer);
                        break;
                    }
                }
                return null;
            }));
        }
        for (Future<?> w : workers) {
            w.get();
        }
        pool.shutdown();
        generator.join();
        double pushSeconds = (System.nanoTime() - t0) / 1e9;
        if (retry) {
            System.out.printf("refused and resent: %d requests (5xx/429/connection errors), refusals seen during %.1f s%n",
                    unavailable.get(), unavailable.get() == 0 ? 0 : (lastRefusalNanos.get() - firstRefusalNanos.get()) / 1e9);
        }
        System.out.printf("pushed: %d samples in %.2f s = %.0f samples/s acknowledged by Kafka (%d failed requests)%n",
                total, pushSeconds, total / pushSeconds, failed.get());
        if (gatewayPid != null) {
            double cpuSeconds = (cpuTicks(gatewayPid) - cpuBefore) / 100.0;
            System.out.printf("gateway (pid %s): %.2f CPU-seconds = %.0f samples per gateway CPU-second%n", gatewayPid,
                    cpuSeconds, total / cpuSeconds);
        }
        long deadline = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
        double stored = written(http, ingest) - before;
        while (stored < total && System.nanoTime() < deadline) {
            Thread.sleep(250);
            stored = written(http, ingest) - before;
        }
        double e2eSeconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("stored: %.0f of %d samples after %.2f s = %.0f samples/s end to end (push -> Kafka -> writer -> TimescaleDB)%n",
                stored, total, e2eSeconds, stored / e2eSeconds);
        System.exit(stored >= total && failed.get() == 0 ? 0 : 1);
    }

    /** The i-th series: metric load_m(i % metrics) on host h(i / metrics). */
    static Map<String, String> labels(int i, int metrics) {
        int h = i / metrics;
        Map<String, String> l = new LinkedHashMap<>();
        l.put("host", "h" + h);
        l.put("pool", "p" + h / 10);
        l.put("region", "r" + h % 4);
        return l;
    }

    static double value(int i, long t) {
        return (i * 31 + t / 10_000) % 1000 / 10.0;
    }

    static final class JsonFormat implements Format {
        public String path() {
            return "/api/v1/push";
        }

        public Map<String, String> headers() {
            return Map.of("Content-Type", "application/json");
        }

        public int okStatus() {
            return 200;
        }

        public byte[] body(int from, int to, long t, int hosts, int metrics) {
            StringBuilder sb = new StringBuilder("[");
            for (int i = from; i < to; i++) {
                Map<String, String> l = labels(i, metrics);
                sb.append(i == from ? "" : ",").append("{\"metric_name\":\"load.m").append(i % metrics)
                        .append("\",\"labels\":{\"host\":\"").append(l.get("host")).append("\",\"pool\":\"").append(l.get("pool"))
                        .append("\",\"region\":\"").append(l.get("region")).append("\"},\"timestamp\":").append(t / 1000)
                        .append(",\"value\":").append(value(i, t)).append('}');
            }
            return sb.append(']').toString().getBytes(StandardCharsets.UTF_8);
        }
    }

    /** Uses io.vigil.wire.remotewrite.RemoteWriteEncoder through reflection, so json needs no class path. */
    static final class RemoteWriteFormat implements Format {
        private final boolean v2;

        RemoteWriteFormat(boolean v2) {
            this.v2 = v2;
        }

        public String path() {
            return "/api/v1/write";
        }

        public Map<String, String> headers() {
            return Map.of("Content-Type", v2 ? "application/x-protobuf;proto=io.prometheus.write.v2.Request" : "application/x-protobuf",
                    "Content-Encoding", "snappy", "X-Prometheus-Remote-Write-Version", v2 ? "2.0.0" : "0.1.0");
        }

        public int okStatus() {
            return 204;
        }

        public byte[] body(int from, int to, long t, int hosts, int metrics) throws Exception {
            Class<?> versions = Class.forName("io.vigil.wire.remotewrite.RemoteWriteVersion");
            Class<?> encoderClass = Class.forName("io.vigil.wire.remotewrite.RemoteWriteEncoder");
            Object version = versions.getField(v2 ? "V2" : "V1").get(null);
            Object encoder = encoderClass.getConstructor(versions).newInstance(version);
            var series = encoderClass.getMethod("series", Map.class, long[].class, double[].class);
            for (int i = from; i < to; i++) {
                Map<String, String> l = labels(i, metrics);
                l.put("__name__", "load_m" + i % metrics);
                series.invoke(encoder, l, new long[] {t}, new double[] {value(i, t)});
            }
            return (byte[]) encoderClass.getMethod("toSnappy").invoke(encoder);
        }
    }

    /** utime + stime of a process, in clock ticks (USER_HZ, 100 on Linux). */
    private static long cpuTicks(String pid) throws Exception {
        String stat = Files.readString(Path.of("/proc", pid, "stat"));
        // The command name (field 2) may hold spaces; fields after its closing parenthesis are plain.
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    private static double written(HttpClient http, String ingest) throws Exception {
        String metrics = http.send(HttpRequest.newBuilder(URI.create(ingest + "/q/metrics")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = Pattern.compile("(?m)^vigil_writer_samples_written_total(?:\\{[^}]*\\})? ([0-9.eE+]+)").matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    private static String arg(String[] args, String name, String fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }
}

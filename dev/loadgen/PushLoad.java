import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * End-to-end load generator for the JSON push path (a single-file program: {@code java dev/loadgen/PushLoad.java}).
 *
 * <p>Workload: {@code hosts} × {@code metrics} series (labels host, pool = host / 10, region = host % 4), one
 * sample per series every 10 s, {@code steps} steps ending now, sent as requests of {@code batch} samples
 * over {@code connections} parallel connections. It prints the acknowledged push rate, then waits until
 * the writer's {@code vigil_writer_samples_written_total} grew by the number of samples sent and prints
 * the end-to-end rate (push → Kafka → writer → TimescaleDB). Bounded: it stops after the samples are
 * sent and stored, or after {@code timeout} seconds.
 *
 * <pre>
 * java dev/loadgen/PushLoad.java [--ingest http://127.0.0.1:7201] [--hosts 100] [--metrics 100] [--steps 60]
 *                                [--batch 5000] [--connections 4] [--timeout 600] [--end unix-seconds]
 * </pre>
 */
public class PushLoad {
    public static void main(String[] args) throws Exception {
        String ingest = arg(args, "--ingest", "http://127.0.0.1:7201");
        int hosts = Integer.parseInt(arg(args, "--hosts", "100"));
        int metrics = Integer.parseInt(arg(args, "--metrics", "100"));
        int steps = Integer.parseInt(arg(args, "--steps", "60"));
        int batch = Integer.parseInt(arg(args, "--batch", "5000"));
        int connections = Integer.parseInt(arg(args, "--connections", "4"));
        long timeoutSeconds = Long.parseLong(arg(args, "--timeout", "600"));
        long total = (long) hosts * metrics * steps;
        // --end (Unix seconds) moves the window, so that repeated runs write new samples, not duplicates.
        long end = Long.parseLong(arg(args, "--end", Long.toString(System.currentTimeMillis() / 1000))) * 1000 / 10_000 * 10_000;
        long start = end - (steps - 1) * 10_000L;

        List<String> bodies = new ArrayList<>();
        StringBuilder sb = new StringBuilder();
        int inBody = 0;
        for (int s = 0; s < steps; s++) {
            long t = start + s * 10_000L;
            for (int h = 0; h < hosts; h++) {
                for (int m = 0; m < metrics; m++) {
                    sb.append(inBody == 0 ? "[" : ",").append("{\"metric_name\":\"load.m").append(m)
                            .append("\",\"labels\":{\"host\":\"h").append(h).append("\",\"pool\":\"p").append(h / 10)
                            .append("\",\"region\":\"r").append(h % 4).append("\"},\"timestamp\":").append(t / 1000)
                            .append(",\"value\":").append((h * 31 + m * 7 + s) % 1000 / 10.0).append('}');
                    if (++inBody == batch) {
                        bodies.add(sb.append(']').toString());
                        sb.setLength(0);
                        inBody = 0;
                    }
                }
            }
        }
        if (inBody > 0) {
            bodies.add(sb.append(']').toString());
        }
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        double before = written(http, ingest);
        System.out.printf("workload: %d series (%d hosts x %d metrics), %d steps of 10 s, %d samples in %d requests of <= %d, %d connections%n",
                hosts * metrics, hosts, metrics, steps, total, bodies.size(), batch, connections);
        AtomicLong next = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long t0 = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(connections);
        List<Future<?>> workers = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            workers.add(pool.submit(() -> {
                for (long i = next.getAndIncrement(); i < bodies.size(); i = next.getAndIncrement()) {
                    try {
                        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(ingest + "/api/v1/push"))
                                .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(bodies.get((int) i))).build(),
                                HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() != 200) {
                            failed.incrementAndGet();
                            System.err.println("push answered " + r.statusCode() + ": " + r.body());
                        }
                    } catch (Exception e) {
                        failed.incrementAndGet();
                        System.err.println("push failed: " + e);
                    }
                }
                return null;
            }));
        }
        for (Future<?> w : workers) {
            w.get();
        }
        pool.shutdown();
        double pushSeconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("pushed: %d samples in %.2f s = %.0f samples/s acknowledged by Kafka (%d failed requests)%n",
                total, pushSeconds, total / pushSeconds, failed.get());
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

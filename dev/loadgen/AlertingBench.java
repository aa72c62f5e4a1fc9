import io.vigil.kafka.NotificationCodec;
import io.vigil.model.Notification;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Alerting benchmark on the running system ({@code ./vigil up}); a single-file program that needs the
 * shared classes and Kafka's client on the class path (see dev/README.md).
 *
 * <p>{@code rules --out DIR [--rules 1000] [--groups 50] [--interval 15s]} writes the workload's rule
 * files and a routing file ({@code DIR-routing.yml}): {@code rules} alerting rules in {@code groups}
 * groups at {@code interval}, 80 % thresholds on one series ({@code bench_alert{rule="r0042"} > 100}),
 * 20 % thresholds on a pool average ({@code avg by (pool) (bench_alert{pool="p3"}) > 100}, 20 series
 * each); none fires. Plus the group {@code probe} with one rule, {@code bench_probe > 0}, routed with
 * {@code group_wait: 0s}. Start alerting on them:
 * {@code VIGIL_ALERTING_RULES_DIR=DIR VIGIL_ALERTING_ROUTING_FILE=DIR-routing.yml ./vigil up}.
 *
 * <p>{@code run [--minutes 3] [--probes 10] [--rules 1000]} feeds the {@code rules} series with a sample
 * every 10 s (one JSON push), and, {@code probes} times at random moments, pushes a breaching
 * {@code bench_probe{probe="N"}} sample and measures the time until the firing notification for probe N
 * is on {@code vigil.notifications} (then pushes 0 so it resolves). At the end it prints the latency of
 * every probe and the alerting service's own evaluation metrics (lag between a group's slot and the end
 * of its evaluation, misses, failures). Bounded: at most {@code minutes} plus 1 minute.
 */
public class AlertingBench {
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            throw new IllegalArgumentException("usage: AlertingBench rules --out DIR | run [--minutes 3] [--probes 10]");
        }
        if (args[0].equals("rules")) {
            writeRules(Path.of(arg(args, "--out", null)), Integer.parseInt(arg(args, "--rules", "1000")),
                    Integer.parseInt(arg(args, "--groups", "50")), arg(args, "--interval", "15s"));
        } else {
            run(args);
        }
    }

    static void writeRules(Path dir, int rules, int groups, String interval) throws Exception {
        Files.createDirectories(dir);
        int perGroup = (rules + groups - 1) / groups;
        for (int g = 0; g < groups; g++) {
            StringBuilder y = new StringBuilder("groups:\n  - name: bench-" + g + "\n    interval: " + interval + "\n    rules:\n");
            for (int r = g * perGroup; r < Math.min(rules, (g + 1) * perGroup); r++) {
                String expr = r % 5 == 4
                        ? "avg by (pool) (bench_alert{pool=\"p" + (r % 50) + "\"}) > 100"
                        : "bench_alert{rule=\"r" + String.format("%04d", r) + "\"} > 100";
                y.append("      - alert: BenchRule").append(r).append("\n        expr: '").append(expr)
                        .append("'\n        for: 1m\n        labels:\n          severity: warning\n")
                        .append("        annotations:\n          summary: '{{ $labels.rule }} at {{ $value | humanize }}'\n");
            }
            Files.writeString(dir.resolve("bench-" + g + ".yml"), y);
        }
        Files.writeString(dir.resolve("probe.yml"), """
                groups:
                  - name: probe
                    interval: %s
                    rules:
                      - alert: BenchProbe
                        expr: bench_probe > 0
                        labels:
                          severity: critical
                """.formatted(interval));
        Files.writeString(routingFile(dir), """
                route:
                  receiver: bench
                  group_by: [alertname, probe]
                  group_wait: 0s
                  group_interval: 5s
                  repeat_interval: 4h
                receivers:
                  - name: bench
                """);
        System.out.printf("wrote %d rules in %d groups at %s, plus the probe group, into %s, routing in %s%n", rules, groups, interval, dir,
                routingFile(dir));
    }

    /** Next to the rules directory: a routing file inside it would be read as a rule file. */
    static Path routingFile(Path rulesDir) {
        return rulesDir.toAbsolutePath().resolveSibling(rulesDir.getFileName() + "-routing.yml");
    }

    static void run(String[] args) throws Exception {
        String ingest = arg(args, "--ingest", "http://127.0.0.1:7201");
        String alerting = arg(args, "--alerting", "http://127.0.0.1:7203");
        String kafka = arg(args, "--kafka", "127.0.0.1:7207");
        int minutes = Integer.parseInt(arg(args, "--minutes", "3"));
        int probes = Integer.parseInt(arg(args, "--probes", "10"));
        int rules = Integer.parseInt(arg(args, "--rules", "1000"));
        long runId = System.currentTimeMillis() / 1000;

        Map<String, Long> seen = new ConcurrentHashMap<>();
        Thread reader = Thread.ofVirtual().start(() -> readNotifications(kafka, seen));
        Thread feeder = Thread.ofVirtual().start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    StringBuilder b = new StringBuilder("[");
                    double now = System.currentTimeMillis() / 1000.0;
                    for (int r = 0; r < rules; r++) {
                        b.append(r == 0 ? "" : ",").append(String.format(
                                "{\"metric_name\":\"bench_alert\",\"labels\":{\"rule\":\"r%04d\",\"pool\":\"p%d\"},\"timestamp\":%.3f,\"value\":%d}",
                                r, r % 50, now, r % 50));
                    }
                    push(ingest, b.append(']').toString());
                    Thread.sleep(10_000);
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    System.out.println("feed failed: " + e);
                }
            }
        });

        Random random = new Random(runId);
        long end = System.currentTimeMillis() + minutes * 60_000L;
        List<Long> latencies = new ArrayList<>();
        Thread.sleep(20_000); // the first feed is stored and every group evaluated at least once
        for (int p = 0; p < probes && System.currentTimeMillis() < end; p++) {
            Thread.sleep(random.nextInt(15_000));
            String probe = runId + "-" + p;
            long pushed = System.currentTimeMillis();
            push(ingest, "[{\"metric_name\":\"bench_probe\",\"labels\":{\"probe\":\"" + probe + "\"},\"timestamp\":"
                    + pushed / 1000.0 + ",\"value\":1}]");
            long deadline = pushed + 60_000;
            while (!seen.containsKey(probe) && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
            Long at = seen.get(probe);
            push(ingest, "[{\"metric_name\":\"bench_probe\",\"labels\":{\"probe\":\"" + probe + "\"},\"timestamp\":"
                    + System.currentTimeMillis() / 1000.0 + ",\"value\":0}]");
            if (at == null) {
                System.out.printf("probe %s: no notification within 60 s%n", probe);
            } else {
                latencies.add(at - pushed);
                System.out.printf("probe %s: push -> notification record %d ms%n", probe, at - pushed);
            }
        }
        while (System.currentTimeMillis() < end) {
            Thread.sleep(1_000);
        }
        feeder.interrupt();
        reader.interrupt();
        latencies.sort(null);
        if (!latencies.isEmpty()) {
            System.out.printf("latency over %d probes: min %d ms, median %d ms, max %d ms%n", latencies.size(),
                    latencies.get(0), latencies.get(latencies.size() / 2), latencies.get(latencies.size() - 1));
        }
        printMetrics(alerting);
    }

    static void readNotifications(String kafka, Map<String, Long> seen) {
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = c.partitionsFor("vigil.notifications").stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            c.assign(parts);
            c.seekToEnd(parts);
            parts.forEach(c::position);
            while (!Thread.currentThread().isInterrupted()) {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(50))) {
                    Notification n = NotificationCodec.decode(r.value());
                    if (n.firing()) {
                        n.alerts().forEach(a -> {
                            String probe = a.labels().get("probe");
                            if (probe != null) {
                                seen.putIfAbsent(probe, System.currentTimeMillis());
                            }
                        });
                    }
                }
            }
        } catch (org.apache.kafka.common.errors.InterruptException e) {
            // done
        }
    }

    /** The alerting service's evaluation metrics, summed over groups where that makes sense. */
    static void printMetrics(String alerting) throws Exception {
        String body = HTTP.send(HttpRequest.newBuilder(URI.create(alerting + "/q/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Map<String, double[]> byName = new TreeMap<>();
        for (String line : body.split("\n")) {
            if (!line.startsWith("vigil_rule")) {
                continue;
            }
            int brace = line.indexOf('{');
            int space = line.lastIndexOf(' ');
            String name = (brace > 0 ? line.substring(0, brace) : line.substring(0, space));
            String quantile = line.contains("quantile=\"") ? line.replaceAll(".*quantile=\"([^\"]+)\".*", "{q=$1}") : "";
            double v = Double.parseDouble(line.substring(space + 1));
            double[] agg = byName.computeIfAbsent(name + quantile, k -> new double[] {0, Double.NEGATIVE_INFINITY, 0});
            agg[0] += v;
            agg[1] = Math.max(agg[1], v);
            agg[2]++;
        }
        System.out.println("alerting metrics (sum / max over groups / series):");
        byName.forEach((k, a) -> System.out.printf("  %-70s sum %.4f  max %.4f  (%d)%n", k, a[0], a[1], (long) a[2]));
    }

    static void push(String ingest, String body) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(ingest + "/api/v1/push"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            throw new IllegalStateException("push answered " + r.statusCode() + ": " + r.body());
        }
    }

    static String arg(String[] args, String name, String dflt) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        if (dflt == null) {
            throw new IllegalArgumentException(name + " is required");
        }
        return dflt;
    }
}

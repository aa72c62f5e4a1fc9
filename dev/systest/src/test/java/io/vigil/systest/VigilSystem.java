package io.vigil.systest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.testkit.ChildProcess;
import io.vigil.testkit.EmbeddedKafka;
import io.vigil.testkit.EmbeddedRedis;
import io.vigil.testkit.EmbeddedTimescale;
import io.vigil.testkit.FreePorts;
import io.vigil.testkit.RepoRoot;
import io.vigil.kafka.Topics;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole system as separate processes, as {@code ./vigil up} runs it: Kafka (in this JVM),
 * TimescaleDB over a data directory that survives restarts, Redis, and the packaged services: an
 * ingest gateway, an ingest writer (separately, so either can be killed alone) and query.
 */
public final class VigilSystem implements AutoCloseable {
    public static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    public final EmbeddedKafka kafka;
    public final EmbeddedRedis redis;
    public final Path dataDir;
    public EmbeddedTimescale db;
    public final Service gateway;
    public final Service writer;
    public final Service query;

    /** One service process; restartable on the same port. */
    public final class Service {
        final String name;
        final Path jar;
        final Map<String, String> env;
        public final int port;
        ChildProcess process;

        Service(String name, String module, Map<String, String> extraEnv) {
            this.name = name;
            this.jar = RepoRoot.get().resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException(jar + " is missing: system tests run after the services are packaged "
                        + "(./mvnw verify from the repository root)");
            }
            this.port = FreePorts.find();
            this.env = new HashMap<>(extraEnv);
        }

        public void start() {
            Map<String, String> e = new HashMap<>();
            e.put("QUARKUS_HTTP_PORT", String.valueOf(port));
            e.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
            e.put("QUARKUS_DATASOURCE_JDBC_URL", db.jdbcUrl());
            e.put("QUARKUS_REDIS_HOSTS", redis.url());
            e.put("VIGIL_WRITER_RUN_POLICY_JOBS", "false");
            // Push tokens are tested where they matter (InfluxClientIT); the other tests push without.
            e.put("VIGIL_GATEWAY_AUTH_ENABLED", "false");
            e.putAll(env);
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            process = ChildProcess.start(name, List.of(java, "-Xmx256m", "-XX:+UseSerialGC", "-jar", jar.toString()),
                    RepoRoot.get(), e, line -> line.contains("started in"));
            process.awaitReady(Duration.ofSeconds(90));
        }

        /** SIGKILL, as a crash or an OOM kill would. */
        public void kill() {
            process.kill();
        }

        public void stop() {
            process.close();
        }

        public String url(String path) {
            return "http://127.0.0.1:" + port + path;
        }

        public String logTail() {
            return process.tail();
        }
    }

    public VigilSystem() throws IOException {
        kafka = EmbeddedKafka.start();
        kafka.createTopic(Topics.SAMPLES, 4);
        redis = EmbeddedRedis.start();
        dataDir = Files.createTempDirectory("vigil-systest-db-");
        db = EmbeddedTimescale.start(dataDir.toString());
        gateway = new Service("ingest-gateway", "ingest", Map.of("VIGIL_WRITER_ENABLED", "false"));
        writer = new Service("ingest-writer", "ingest", Map.of("VIGIL_GATEWAY_ENABLED", "false"));
        // Tests backfill old samples and query them seconds later; in production a block over hours that
        // just received late samples waits 35 min (the rollups' refresh) before it is cached.
        query = new Service("query", "query", Map.of("VIGIL_QUERY_CACHE_ROLLUP_SETTLE", "1s"));
        gateway.start();
        writer.start();
        query.start();
    }

    /** A notify process delivering to the receivers of {@code receiversYaml}. */
    public Service notify(String receiversYaml) throws IOException {
        Path file = Files.createTempFile("vigil-systest-receivers-", ".yaml");
        Files.writeString(file, receiversYaml);
        Service s = new Service("notify", "notify", Map.of("VIGIL_NOTIFY_RECEIVERS_FILE", file.toString(),
                "VIGIL_NOTIFY_INITIAL_BACKOFF", "200ms", "VIGIL_NOTIFY_MAX_BACKOFF", "5s"));
        s.start();
        return s;
    }

    /**
     * An alerting replica named {@code replicaId} evaluating the rule files of {@code rulesDir} against
     * this system's query tier, writing through its gateway, routing by {@code routingFile}; started.
     * Short lease and poll times so that hand-overs happen within a test's patience.
     */
    public Service alerting(String replicaId, Path rulesDir, Path routingFile, Map<String, String> extraEnv) {
        Map<String, String> env = new HashMap<>(Map.of(
                "VIGIL_ALERTING_REPLICA_ID", replicaId,
                "VIGIL_ALERTING_RULES_DIR", rulesDir.toString(),
                "VIGIL_ALERTING_ROUTING_FILE", routingFile.toString(),
                "VIGIL_ALERTING_QUERY_URL", query.url(""),
                "VIGIL_ALERTING_INGEST_URL", gateway.url(""),
                "VIGIL_ALERTING_AUTH_ENABLED", "false",
                "VIGIL_ALERTING_HA_LEASE_TTL", "3s",
                "VIGIL_ALERTING_RULES_POLL_INTERVAL", "1s"));
        env.putAll(extraEnv);
        Service s = new Service("alerting-" + replicaId, "alerting", env);
        s.start();
        return s;
    }

    /** Another ingest process with its own settings (environment variables override the system's). */
    public Service extraIngest(String name, Map<String, String> env) {
        Service s = new Service(name, "ingest", env);
        s.start();
        return s;
    }

    /** Stops the database politely and starts it again over the same data directory (new port). */
    public void stopDatabase() {
        db.close();
    }

    public void startDatabase(int port) {
        db = EmbeddedTimescale.start(dataDir.toString(), port);
    }

    public long sql(String query) throws SQLException {
        try (Connection c = db.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    public void execute(String statement) throws SQLException {
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute(statement);
        }
    }

    public static HttpResponse<String> post(String url, String body) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    public static HttpResponse<String> delete(String url) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).DELETE().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    public static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** GET /api/v1/range with the given parameters (a key may repeat: "match", "a:b", "match", "c:d"). */
    public JsonNode range(String... params) throws IOException, InterruptedException {
        StringBuilder q = new StringBuilder("/api/v1/range?");
        for (int i = 0; i < params.length; i += 2) {
            q.append(i == 0 ? "" : "&").append(params[i]).append('=')
                    .append(URLEncoder.encode(params[i + 1], StandardCharsets.UTF_8));
        }
        HttpResponse<String> r = get(query.url(q.toString()));
        if (r.statusCode() != 200) {
            throw new AssertionError("range query " + q + " answered " + r.statusCode() + ": " + r.body());
        }
        return JSON.readTree(r.body()).get("data");
    }

    @Override
    public void close() {
        for (Service s : new Service[] {query, writer, gateway}) {
            if (s != null && s.process != null) {
                s.stop();
            }
        }
        db.close();
        redis.close();
        kafka.close();
    }
}

package io.vigil.systest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Crashes and outages lose nothing that was acknowledged and store nothing twice. */
class FailureIT {
    private final VigilSystem system = SharedSystem.get();

    @Test
    void aWriterKilledMidBatchLosesNothingAndDuplicatesNothing() throws Exception {
        String metric = "sys.crash.mem";
        int requests = 40;
        int hosts = 500;
        int perSeries = 10;
        long start = System.currentTimeMillis() - 3_600_000L;
        for (int r = 0; r < requests; r++) {
            Pushes.pushOk(system, Pushes.body(metric, hosts, perSeries, start + r * perSeries * 10_000L, r));
        }
        long total = (long) requests * hosts * perSeries;
        // Kill the writer while it is in the middle of the stream.
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        long stored = Pushes.stored(system, metric);
        while (stored == 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
            stored = Pushes.stored(system, metric);
        }
        system.writer.kill();
        long atKill = Pushes.stored(system, metric);
        assertThat(atKill).as("the writer should be killed mid-stream").isGreaterThan(0).isLessThan(total);
        system.writer.start();
        assertThat(Pushes.awaitStored(system, metric, total, Duration.ofSeconds(180))).isEqualTo(total);
        Thread.sleep(2000);
        assertThat(Pushes.stored(system, metric)).isEqualTo(total);
        assertThat(system.sql("SELECT count(DISTINCT (x.series_id, x.time)) FROM samples x JOIN series e ON e.id = x.series_id "
                + "WHERE e.metric_name = '" + metric + "'")).isEqualTo(total);
        long counted = 0;
        for (var p : system.range("metric", metric, "start", Long.toString(start / 1000 - 3600), "end",
                Long.toString(start / 1000 + requests * perSeries * 10), "step", "60", "agg", "count")
                .get("series").get(0).get("points")) {
            counted += p.get(1).asLong();
        }
        assertThat(counted).isEqualTo(total);
    }

    @Test
    void aGatewayThatKafkaDoesNotAcknowledgeAnswers503WithRetryAfter() throws Exception {
        int nobody = io.vigil.testkit.FreePorts.find();
        VigilSystem.Service lonely = system.extraIngest("ingest-no-kafka", java.util.Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + nobody, "VIGIL_WRITER_ENABLED", "false",
                "VIGIL_GATEWAY_KAFKA_ACK_TIMEOUT", "3s"));
        try {
            long t = System.currentTimeMillis() / 1000;
            HttpResponse<String> r = VigilSystem.post(lonely.url("/api/v1/push"),
                    "{\"metric_name\":\"sys.nokafka\",\"timestamp\":" + t + ",\"value\":1}");
            assertThat(r.statusCode()).as(r.body()).isEqualTo(503);
            assertThat(r.headers().firstValue("Retry-After")).contains("5");
            assertThat(r.body()).contains("samples cannot be stored now").contains("Kafka unreachable").contains("retry after 5 s");
        } finally {
            lonely.stop();
        }
        assertThat(Pushes.stored(system, "sys.nokafka")).isZero();
    }

    @Test
    void pushesDuringADatabaseOutageAreStoredWhenItReturns() throws Exception {
        String metric = "sys.outage.disk";
        long start = System.currentTimeMillis() - 1_800_000L;
        int port = system.db.port();
        system.stopDatabase();
        try {
            for (int r = 0; r < 5; r++) {
                HttpResponse<String> resp = VigilSystem.post(system.gateway.url("/api/v1/push"),
                        Pushes.body(metric, 20, 10, start + r * 100_000L, r));
                assertThat(resp.statusCode()).as("pushes are accepted while the database is away: " + resp.body())
                        .isEqualTo(200);
            }
            Thread.sleep(5_000); // the writer fails and keeps retrying meanwhile
        } finally {
            system.startDatabase(port);
        }
        assertThat(Pushes.awaitStored(system, metric, 1000, Duration.ofSeconds(120))).isEqualTo(1000);
        assertThat(system.writer.process.isAlive()).isTrue();
    }
}

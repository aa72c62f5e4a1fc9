package io.vigil.ingest.gateway.influx;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vigil.ingest.StoredSamples;
import io.vigil.testkit.VigilInfraResource;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** InfluxDB writes through real Kafka and the writer into TimescaleDB. */
@QuarkusTest
@WithTestResource(value = VigilInfraResource.class)
class InfluxWriteIT {
    private static long nowMillis() {
        return System.currentTimeMillis() / 1000 * 1000;
    }

    private static byte[] gzip(String s) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(s.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    @Test
    void v1WriteStoresEveryNumericFieldAsASeries() throws Exception {
        long t = nowMillis() - 60_000;
        given().body("it_v1,host=i631,region=eu\\ west used=0.5,total=16i,up=true,note=\"ok\" " + t * 1_000_000 + "\n")
                .post("/write?db=telegraf&precision=ns")
                .then().statusCode(204).header(InfluxResponses.STRING_FIELDS_HEADER, "1");
        StoredSamples.Row used = StoredSamples.awaitRows("it_v1_used", 1, Duration.ofSeconds(30)).get(0);
        assertThat(used.labels()).isEqualTo("{\"host\": \"i631\", \"region\": \"eu west\"}");
        assertThat(used.timeMillis()).isEqualTo(t);
        assertThat(used.value()).isEqualTo(0.5);
        assertThat(StoredSamples.awaitRows("it_v1_total", 1, Duration.ofSeconds(30)).get(0).value()).isEqualTo(16.0);
        assertThat(StoredSamples.awaitRows("it_v1_up", 1, Duration.ofSeconds(30)).get(0).value()).isEqualTo(1.0);
        assertThat(StoredSamples.count("it_v1_note")).isZero();
    }

    @Test
    void v2WriteAcceptsGzipAndEveryPrecision() throws Exception {
        long t = nowMillis() - 120_000;
        given().header("Content-Encoding", "gzip").body(gzip("it_v2 v=1 " + t / 1000 + "\n"))
                .post("/api/v2/write?org=o&bucket=b&precision=s").then().statusCode(204);
        given().body("it_v2 v=2 " + (t + 1000) + "\n").post("/api/v2/write?bucket=b&precision=ms").then().statusCode(204);
        given().body("it_v2 v=3 " + (t + 2000) * 1000 + "\n").post("/api/v2/write?bucket=b&precision=us").then().statusCode(204);
        assertThat(StoredSamples.awaitRows("it_v2_v", 3, Duration.ofSeconds(30)))
                .extracting(StoredSamples.Row::timeMillis, StoredSamples.Row::value)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(t, 1.0), org.assertj.core.groups.Tuple.tuple(t + 1000, 2.0),
                        org.assertj.core.groups.Tuple.tuple(t + 2000, 3.0));
    }

    @Test
    void badLinesAreNamedAndTheValidOnesStored() throws Exception {
        long t = nowMillis() - 30_000;
        String body = "it_partial,host=a v=1 " + t + "\n"
                + "it_partial,host=b v=oops " + t + "\n"
                + "it_partial,host=c v=3 " + (t - 30L * 86_400_000) + "\n"
                + "it_partial,__name__=x v=4 " + t + "\n"
                + "it_partial,host=d v=5 " + t + "\n";
        given().body(body).post("/write?db=x&precision=ms")
                .then().statusCode(400)
                .body("code", equalTo("invalid"))
                .body("message", containsString("3 item(s) were refused, 2 samples were stored"))
                .body("message", containsString("line 2: field \"v\" value \"oops\" is not a number"))
                .body("message", containsString("older than the accepted lateness"))
                .body("message", containsString("reserved prefix"));
        assertThat(StoredSamples.awaitRows("it_partial_v", 2, Duration.ofSeconds(30)))
                .extracting(StoredSamples.Row::value).containsExactlyInAnyOrder(1.0, 5.0);
    }

    @Test
    void requestMistakesAreRefusedInInfluxShape() throws Exception {
        given().body("m v=1").post("/write?precision=d")
                .then().statusCode(400).body("code", equalTo("invalid"))
                .body("message", equalTo("invalid precision \"d\" (accepted: n, u, ms, s, m, h)"));
        given().body("m v=1").post("/api/v2/write?precision=h")
                .then().statusCode(400).body("message", containsString("accepted: ns, us, ms, s"));
        given().header("Content-Encoding", "br").body("m v=1").post("/api/v2/write")
                .then().statusCode(415).body("code", equalTo("unsupported media type"));
        given().header("Content-Encoding", "gzip").body("not gzip at all").post("/api/v2/write")
                .then().statusCode(400).body("message", containsString("not valid gzip"));
        byte[] truncated = gzip("it_truncated v=1\n".repeat(1000));
        given().header("Content-Encoding", "gzip").body(java.util.Arrays.copyOf(truncated, truncated.length / 2))
                .post("/api/v2/write").then().statusCode(400).body("message", containsString("not valid gzip"));
        assertThat(StoredSamples.count("it_truncated_v")).isZero();
    }

    @Test
    void oversizedRequestsAreRefusedWholeWith413() throws Exception {
        long t = nowMillis() - 10_000;
        // 50,001 samples: one over vigil.gateway.max-samples-per-request.
        StringBuilder many = new StringBuilder();
        for (int i = 0; i <= 50_000; i++) {
            many.append("it_toomany,i=").append(i % 1000).append(" v=").append(i).append(' ').append(t).append('\n');
        }
        given().body(many.toString()).post("/write?precision=ms")
                .then().statusCode(413).body("code", equalTo("request too large"))
                .body("message", containsString("more than 50000 samples"));
        // A gzip bomb: 100 MB of zeros in ~100 KB, past vigil.gateway.max-decoded-body-size (64M).
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 100; i++) {
                gz.write(zeros);
            }
        }
        given().header("Content-Encoding", "gzip").body(out.toByteArray()).post("/api/v2/write")
                .then().statusCode(413).body("message", containsString("inflates to more than"));
        assertThat(StoredSamples.count("it_toomany_v")).isZero();
    }

    @Test
    void clientsProbesAreAnswered() {
        given().get("/ping").then().statusCode(204).header("X-Influxdb-Version", InfluxProbeResource.VERSION);
        given().head("/ping").then().statusCode(204);
        given().get("/health").then().statusCode(200).body("status", equalTo("pass"));
        given().queryParam("q", "CREATE DATABASE \"telegraf\"").post("/query").then().statusCode(200)
                .body("results[0].statement_id", equalTo(0));
        given().queryParam("q", "SELECT * FROM cpu").get("/query").then().statusCode(400).body("error", containsString("PromQL"));
    }
}

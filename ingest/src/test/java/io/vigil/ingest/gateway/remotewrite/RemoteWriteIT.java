package io.vigil.ingest.gateway.remotewrite;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyOrNullString;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vigil.ingest.StoredSamples;
import io.vigil.testkit.VigilInfraResource;
import io.vigil.wire.remotewrite.RemoteWriteEncoder;
import io.vigil.wire.remotewrite.RemoteWriteVersion;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Prometheus remote write 1.0 and 2.0 through the gateway, real Kafka, the writer and TimescaleDB. */
@QuarkusTest
@WithTestResource(value = VigilInfraResource.class)
class RemoteWriteIT {
    private static final String V1 = "application/x-protobuf";
    private static final String V2 = "application/x-protobuf;proto=io.prometheus.write.v2.Request";
    private static final long STALE = 0x7ff0000000000002L;

    private static long now() {
        return System.currentTimeMillis() / 1000 * 1000;
    }

    private static io.restassured.response.ValidatableResponse post(String contentType, byte[] body) {
        return given().contentType(contentType).header("Content-Encoding", "snappy")
                .header("X-Prometheus-Remote-Write-Version", contentType.equals(V2) ? "2.0.0" : "0.1.0")
                .body(body).post("/api/v1/write").then();
    }

    @Test
    void v1SamplesAndStaleMarkersLandBitExact() throws Exception {
        long t = now() - 60_000;
        byte[] body = new RemoteWriteEncoder(RemoteWriteVersion.V1)
                .series(Map.of("__name__", "it_rw1_up", "job", "node", "instance", "h1:9100"),
                        new long[] {t, t + 15_000, t + 30_000},
                        new double[] {1, Double.longBitsToDouble(STALE), Double.NEGATIVE_INFINITY})
                .series(Map.of("__name__", "it_rw1_up", "job", "node", "instance", "h2:9100"), new long[] {t},
                        new double[] {0})
                .toSnappy();
        post(V1, body).statusCode(204).body(emptyOrNullString());
        List<StoredSamples.Row> rows = StoredSamples.awaitRows("it_rw1_up", 4, Duration.ofSeconds(30));
        assertThat(rows).extracting(StoredSamples.Row::labels).contains("{\"job\": \"node\", \"instance\": \"h1:9100\"}",
                "{\"job\": \"node\", \"instance\": \"h2:9100\"}");
        assertThat(rows.get(0).timeMillis()).isEqualTo(t);
        assertThat(StoredSamples.valueBits("it_rw1_up")).containsExactly(Double.doubleToRawLongBits(1.0),
                Double.doubleToRawLongBits(0.0), STALE, Double.doubleToRawLongBits(Double.NEGATIVE_INFINITY));
    }

    @Test
    void v2SamplesLandAndTheWrittenHeadersCountThem() throws Exception {
        long t = now() - 30_000;
        RemoteWriteEncoder encoder = new RemoteWriteEncoder(RemoteWriteVersion.V2);
        for (int h = 0; h < 10; h++) {
            encoder.series(Map.of("__name__", "it_rw2_load", "host", "h" + h, "pool", "p" + h % 3),
                    new long[] {t, t + 10_000}, new double[] {h, h + 0.5});
        }
        post(V2, encoder.toSnappy()).statusCode(204)
                .header("X-Prometheus-Remote-Write-Samples-Written", "20")
                .header("X-Prometheus-Remote-Write-Histograms-Written", "0")
                .header("X-Prometheus-Remote-Write-Exemplars-Written", "0");
        List<StoredSamples.Row> rows = StoredSamples.awaitRows("it_rw2_load", 20, Duration.ofSeconds(30));
        assertThat(rows).extracting(StoredSamples.Row::value).contains(0.0, 9.5);
    }

    @Test
    void invalidSeriesAreNamedAndValidOnesKept() throws Exception {
        long t = now() - 20_000;
        byte[] body = new RemoteWriteEncoder(RemoteWriteVersion.V2)
                .series(Map.of("__name__", "it_rw_partial", "host", "a"), new long[] {t}, new double[] {1})
                .series(Map.of("__name__", "it_rw_partial", "bad-label", "x"), new long[] {t}, new double[] {2})
                .series(Map.of("__name__", "it_rw_partial", "host", "old"), new long[] {t - 30L * 86_400_000}, new double[] {3})
                .series(Map.of("__name__", "it_rw_partial", "host", "b"), new long[] {t}, new double[] {4})
                .toSnappy();
        post(V2, body).statusCode(400)
                .header("X-Prometheus-Remote-Write-Samples-Written", "2")
                .body(containsString("2 item(s) were refused, 2 samples were stored"))
                .body(containsString("label name \"bad-label\" has an invalid character at position 3"))
                .body(containsString("it_rw_partial{host=\"old\"}: timestamp"));
        assertThat(StoredSamples.awaitRows("it_rw_partial", 2, Duration.ofSeconds(30)))
                .extracting(StoredSamples.Row::value).containsExactlyInAnyOrder(1.0, 4.0);
    }

    @Test
    void wrongTypesAndEncodingsGet415() {
        byte[] body = new RemoteWriteEncoder(RemoteWriteVersion.V1)
                .series(Map.of("__name__", "it_rw_415"), new long[] {now()}, new double[] {1}).toSnappy();
        given().contentType("application/json").header("Content-Encoding", "snappy").body(body).post("/api/v1/write")
                .then().statusCode(415).body(containsString("unsupported Content-Type"));
        given().contentType("application/x-protobuf;proto=io.prometheus.write.v9.Request").header("Content-Encoding", "snappy")
                .body(body).post("/api/v1/write").then().statusCode(415);
        given().contentType(V1).body(body).post("/api/v1/write")
                .then().statusCode(415).body(containsString("Content-Encoding"));
        given().contentType(V2).header("Content-Encoding", "gzip").body(body).post("/api/v1/write")
                .then().statusCode(415).header("X-Prometheus-Remote-Write-Samples-Written", "0");
        assertThat(StoredSamples.count("it_rw_415")).isZero();
    }

    @Test
    void malformedOversizedAndHostileBodiesAreRefusedWhole() throws Exception {
        long t = now();
        post(V1, "not snappy at all".getBytes()).statusCode(400).body(containsString("snappy"));
        post(V1, RemoteWriteEncoder.snappy(new byte[] {0x0B, 0x0C})).statusCode(400).body(containsString("wire type 3"));
        // A snappy bomb: declares 2 GB in six bytes.
        post(V1, new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x07, 0x00}).statusCode(413)
                .body(containsString("decompresses to 2147483647 bytes"));
        // A valid series followed by garbage: nothing of the request is stored.
        byte[] valid = new RemoteWriteEncoder(RemoteWriteVersion.V1)
                .series(Map.of("__name__", "it_rw_cut"), new long[] {t}, new double[] {1}).toProtobuf();
        byte[] cut = java.util.Arrays.copyOf(valid, valid.length + 3);
        cut[valid.length] = 0x0A;
        cut[valid.length + 1] = 0x7F;
        post(V1, RemoteWriteEncoder.snappy(cut)).statusCode(400).body(containsString("nothing of this request was stored"));
        // More samples than allowed in one request.
        RemoteWriteEncoder many = new RemoteWriteEncoder(RemoteWriteVersion.V1);
        long[] ts = new long[50_001];
        double[] vs = new double[ts.length];
        for (int i = 0; i < ts.length; i++) {
            ts[i] = t - 3_600_000 + i;
        }
        post(V1, many.series(Map.of("__name__", "it_rw_toomany"), ts, vs).toSnappy()).statusCode(413)
                .body(containsString("more than 50000 samples"));
        Thread.sleep(2000);
        assertThat(StoredSamples.count("it_rw_cut")).isZero();
        assertThat(StoredSamples.count("it_rw_toomany")).isZero();
    }

    @Test
    void aMetricGainingTooManyNewSeriesGets429NamingIt() throws Exception {
        long t = now() - 10_000;
        RemoteWriteEncoder encoder = new RemoteWriteEncoder(RemoteWriteVersion.V1);
        for (int i = 0; i < 20_010; i++) {
            Map<String, String> labels = new HashMap<>();
            labels.put("__name__", "it_rw_exploding");
            labels.put("request_id", "r" + i);
            encoder.series(labels, new long[] {t}, new double[] {i});
        }
        encoder.series(Map.of("__name__", "it_rw_calm", "host", "a"), new long[] {t}, new double[] {1});
        post(V1, encoder.toSnappy()).statusCode(429)
                .header("Retry-After", "60")
                .body(containsString("10 new series were refused: metric(s) it_rw_exploding gained more than"));
        assertThat(StoredSamples.awaitRows("it_rw_calm", 1, Duration.ofSeconds(30))).hasSize(1);
        assertThat(StoredSamples.awaitRows("it_rw_exploding", 20_000, Duration.ofSeconds(60))).hasSize(20_000);
    }
}

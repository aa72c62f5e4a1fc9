package io.vigil.ingest.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vigil.testkit.VigilInfraResource;
import io.vigil.wire.remotewrite.RemoteWriteEncoder;
import io.vigil.wire.remotewrite.RemoteWriteVersion;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A gateway whose Kafka does not answer (nothing listens on its bootstrap address): every push is
 * answered 503 with Retry-After, never 2xx and never 4xx, so that senders keep the data and retry.
 */
@QuarkusTest
@TestProfile(KafkaDownIT.NoKafka.class)
@WithTestResource(value = VigilInfraResource.class, initArgs = {@ResourceArg(name = "kafka", value = "false"),
    @ResourceArg(name = "timescale", value = "false"), @ResourceArg(name = "redis", value = "false")})
class KafkaDownIT {
    public static class NoKafka implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("kafka.bootstrap.servers", "127.0.0.1:9", "vigil.writer.enabled", "false",
                    "vigil.gateway.kafka-ack-timeout", "3s");
        }
    }

    @Test
    void remoteWriteAndJsonPushesGet503WithRetryAfter() {
        byte[] body = new RemoteWriteEncoder(RemoteWriteVersion.V2)
                .series(Map.of("__name__", "it_down", "host", "a"), new long[] {System.currentTimeMillis()}, new double[] {1})
                .toSnappy();
        given().contentType("application/x-protobuf;proto=io.prometheus.write.v2.Request").header("Content-Encoding", "snappy")
                .body(body).post("/api/v1/write")
                .then().statusCode(503).header("Retry-After", "5")
                .header("X-Prometheus-Remote-Write-Samples-Written", "0")
                .body(containsString("retry after 5 s"));
        given().contentType("application/json").body("{\"metric_name\":\"it.down\",\"value\":1}").post("/api/v1/push")
                .then().statusCode(503).header("Retry-After", "5").body("error", containsString("retry after 5 s"));
    }
}

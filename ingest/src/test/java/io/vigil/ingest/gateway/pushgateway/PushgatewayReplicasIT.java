package io.vigil.ingest.gateway.pushgateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vigil.ingest.gateway.GatewayConfig;
import io.vigil.ingest.kafka.KafkaSettings;
import io.vigil.kafka.Topics;
import io.vigil.testkit.VigilInfra;
import io.vigil.testkit.VigilInfraResource;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;

/**
 * Re-emission is shared between replicas through the consumer group, and the state comes back from
 * Kafka after a restart. The "other replica" is a second member of the group that this test runs; the
 * restarted store is a new {@link GroupStore} reading the real topic.
 */
@QuarkusTest
@TestProfile(PushgatewayIT.FastReEmission.class)
@WithTestResource(value = VigilInfraResource.class)
class PushgatewayReplicasIT {
    @Inject
    GroupStore store;
    @Inject
    GroupReEmitter reEmitter;
    @Inject
    KafkaSettings kafka;
    @Inject
    PushgatewayConfig config;
    @Inject
    GatewayConfig gateway;

    @Test
    void aGroupIsReEmittedOnlyByTheReplicaOwningItsPartition() throws Exception {
        for (int i = 0; i < 12; i++) {
            given().contentType("text/plain").body("it_pgr_value " + i + "\n").put("/metrics/job/it_replica_" + i).then().statusCode(200);
        }
        awaitOwned(config.partitions());
        try (KafkaConsumer<byte[], byte[]> otherReplica = new KafkaConsumer<>(Map.of("bootstrap.servers",
                VigilInfra.kafka().bootstrapServers(), "group.id", config.consumerGroup(), "allow.auto.create.topics", false),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            otherReplica.subscribe(List.of(Topics.PUSHGATEWAY_GROUPS));
            Set<Integer> theirs = new HashSet<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while ((theirs.isEmpty() || !disjoint(theirs, reEmitter.ownedPartitions())
                    || theirs.size() + reEmitter.ownedPartitions().size() != config.partitions()) && System.nanoTime() < deadline) {
                otherReplica.poll(Duration.ofMillis(200));
                theirs = otherReplica.assignment().stream().map(TopicPartition::partition).collect(Collectors.toSet());
            }
            assertThat(theirs).as("the second member got partitions").isNotEmpty();
            Set<Integer> mine = reEmitter.ownedPartitions();
            Map<String, Integer> partitionOf = store.entries().stream().filter(e -> e.group().key().job().startsWith("it_replica_"))
                    .collect(Collectors.toMap(e -> e.group().key().job(), GroupStore.Entry::partition));
            assertThat(partitionOf).hasSize(12);
            try (SamplesTail tail = new SamplesTail()) {
                long end = System.nanoTime() + Duration.ofMillis(3500).toNanos();
                while (System.nanoTime() < end) {
                    otherReplica.poll(Duration.ofMillis(200)); // stays a live member
                    tail.during(s -> false, Duration.ofMillis(100));
                }
                Set<String> emitted = tail.during(s -> s.labels().metricName().equals("it_pgr_value"), Duration.ofMillis(100)).stream()
                        .map(s -> s.labels().get("job")).collect(Collectors.toSet());
                Set<String> expected = partitionOf.entrySet().stream().filter(e -> mine.contains(e.getValue())).map(Map.Entry::getKey)
                        .collect(Collectors.toSet());
                assertThat(expected).as("groups fall in both members' partitions").isNotEmpty().hasSizeLessThan(12);
                assertThat(emitted).isEqualTo(expected);
            }
        }
        // The other member left: its partitions come back and every group is re-emitted again.
        awaitOwned(config.partitions());
        try (SamplesTail tail = new SamplesTail()) {
            assertThat(tail.during(s -> s.labels().metricName().equals("it_pgr_value"), Duration.ofMillis(2500)).stream()
                    .map(s -> s.labels().get("job")).collect(Collectors.toSet())).hasSize(12);
        }
    }

    @Test
    void aRestartedStoreHasEveryGroupBackFromKafka() throws Exception {
        given().contentType("text/plain").body("it_pgr_kept 1\nit_pgr_other 2\n").put("/metrics/job/it_restart/instance/r").then().statusCode(200);
        given().contentType("text/plain").body("it_pgr_kept 3\n").post("/metrics/job/it_restart/instance/r").then().statusCode(200);
        given().contentType("text/plain").body("it_pgr_gone 1\n").put("/metrics/job/it_restart_deleted").then().statusCode(200);
        given().delete("/metrics/job/it_restart_deleted").then().statusCode(202);
        GroupStore restarted = new GroupStore(kafka, config, gateway);
        restarted.onStart(null);
        try {
            assertThat(restarted.awaitReady(Duration.ofSeconds(30))).isTrue();
            PushedGroup group = restarted.get(GroupingKey.parse("job/it_restart/instance/r"));
            assertThat(group.series()).extracting(s -> s.labels().metricName() + "=" + s.value())
                    .containsExactlyInAnyOrder("it_pgr_kept=3.0", "it_pgr_other=2.0");
            assertThat(group.pushTimeMillis()).isPositive();
            assertThat(restarted.get(GroupingKey.parse("job/it_restart_deleted"))).isNull();
        } finally {
            restarted.onStop(null);
        }
    }

    private void awaitOwned(int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
        while (reEmitter.ownedPartitions().size() != count && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(reEmitter.ownedPartitions()).hasSize(count);
    }

    private static boolean disjoint(Set<Integer> a, Set<Integer> b) {
        return a.stream().noneMatch(b::contains);
    }
}

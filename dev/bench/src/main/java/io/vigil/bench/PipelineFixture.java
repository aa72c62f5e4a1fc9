package io.vigil.bench;

import io.quarkus.runtime.configuration.MemorySize;
import io.vigil.ingest.gateway.GatewayConfig;
import io.vigil.ingest.gateway.PushPipeline;
import io.vigil.ingest.gateway.SampleTransport;
import java.math.BigInteger;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** The gateway pipeline with its default settings over a transport that acknowledges at once. */
final class PipelineFixture {
    private PipelineFixture() {
    }

    /** Counts what would have gone to Kafka; 8 partitions, the service's default. */
    static final class CountingTransport implements SampleTransport {
        private static final CompletableFuture<Void> ACKED = CompletableFuture.completedFuture(null);
        long records;
        long bytes;

        @Override
        public int partitions() {
            return 8;
        }

        @Override
        public CompletableFuture<Void> send(int partition, byte[] key, byte[] value) {
            records++;
            bytes += value.length;
            return ACKED;
        }
    }

    static PushPipeline pipeline(SampleTransport transport) {
        return new PushPipeline(new GatewayConfig() {
            @Override
            public boolean enabled() {
                return true;
            }

            @Override
            public Duration maxSampleAge() {
                return Duration.ofDays(2);
            }

            @Override
            public Duration maxSampleAhead() {
                return Duration.ofMinutes(10);
            }

            @Override
            public int maxSamplesPerRequest() {
                return 50_000;
            }

            @Override
            public MemorySize maxDecodedBodySize() {
                return new MemorySize(BigInteger.valueOf(64L << 20));
            }

            @Override
            public MemorySize maxInFlightBytes() {
                return new MemorySize(BigInteger.valueOf(32L << 20));
            }

            @Override
            public int maxNewSeriesPerMetricPerMinute() {
                return 20_000;
            }

            @Override
            public int recentSeriesCapacity() {
                return 1_000_000;
            }

            @Override
            public Duration recentSeriesWindow() {
                return Duration.ofMinutes(15);
            }

            @Override
            public Duration kafkaAckTimeout() {
                return Duration.ofSeconds(15);
            }
        }, transport);
    }
}

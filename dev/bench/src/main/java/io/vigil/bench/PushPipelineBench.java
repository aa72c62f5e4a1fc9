package io.vigil.bench;

import io.vigil.ingest.gateway.PushBatch;
import io.vigil.ingest.gateway.PushOutcome;
import io.vigil.ingest.gateway.PushPipeline;
import io.vigil.wire.LabelBuffer;
import io.vigil.wire.influx.InfluxLineParser;
import io.vigil.wire.influx.Precision;
import io.vigil.wire.json.JsonPushParser;
import io.vigil.wire.remotewrite.RemoteWriteDecoder;
import io.vigil.wire.remotewrite.RemoteWriteVersion;
import java.io.ByteArrayInputStream;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Request body → encoded {@code vigil.samples} records, on one thread: decompress, parse, validate,
 * series ids, new-series check, encode into per-partition records, hand them to the transport
 * (here one that acknowledges at once, so Kafka's own cost is not included). One operation is one
 * sample: the scores read as samples per second, and {@code -prof gc}'s
 * {@code gc.alloc.rate.norm} as bytes allocated per sample.
 *
 * <pre>
 * java -cp "$(cat dev/bench/target/classpath.txt):dev/bench/target/classes" org.openjdk.jmh.Main PushPipelineBench -prof gc
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xms1g", "-Xmx1g"})
public class PushPipelineBench {
    private final PipelineFixture.CountingTransport transport = new PipelineFixture.CountingTransport();
    private final PushPipeline pipeline = PipelineFixture.pipeline(transport);
    private final RemoteWriteDecoder decoder = new RemoteWriteDecoder(64 << 20);
    private final LabelBuffer labels = new LabelBuffer();
    private byte[][] remoteWrite1;
    private byte[][] remoteWrite2;
    private byte[][] json;
    private byte[][] lines;
    private byte[][] singleLines;
    private int next;

    @Setup(Level.Trial)
    public void bodies() {
        long t = System.currentTimeMillis() / 10_000 * 10_000 - 60_000;
        remoteWrite1 = new byte[][] {Workload.remoteWrite(RemoteWriteVersion.V1, 0, t), Workload.remoteWrite(RemoteWriteVersion.V1, 1, t)};
        remoteWrite2 = new byte[][] {Workload.remoteWrite(RemoteWriteVersion.V2, 0, t), Workload.remoteWrite(RemoteWriteVersion.V2, 1, t)};
        json = new byte[][] {Workload.json(0, t), Workload.json(1, t)};
        lines = new byte[][] {Workload.lineProtocol(0, t, Workload.METRICS), Workload.lineProtocol(1, t, Workload.METRICS)};
        singleLines = new byte[][] {Workload.lineProtocol(0, t, 1), Workload.lineProtocol(1, t, 1)};
    }

    @Benchmark
    @OperationsPerInvocation(Workload.SAMPLES_PER_REQUEST)
    public int remoteWrite1() {
        return push(remoteWrite1[next++ & 1], RemoteWriteVersion.V1);
    }

    @Benchmark
    @OperationsPerInvocation(Workload.SAMPLES_PER_REQUEST)
    public int remoteWrite2() {
        return push(remoteWrite2[next++ & 1], RemoteWriteVersion.V2);
    }

    @Benchmark
    @OperationsPerInvocation(Workload.SAMPLES_PER_REQUEST)
    public int jsonPush() throws Exception {
        PushBatch batch = pipeline.open("json").finiteValuesOnly();
        JsonPushParser.parse(new ByteArrayInputStream(json[next++ & 1]), System.currentTimeMillis(), new JsonPushParser.Handler() {
            @Override
            public void sample(int index, String name, Map<String, String> itemLabels, long ts, double value) {
                labels.reset();
                labels.setName(name);
                for (Map.Entry<String, String> e : itemLabels.entrySet()) {
                    labels.addLabel(e.getKey(), e.getValue());
                }
                if (batch.beginSeries(labels)) {
                    batch.sample(ts, value);
                }
            }

            @Override
            public void invalid(int index, String reason) {
                batch.reject(reason);
            }
        });
        return accepted(batch);
    }

    /** Influx line protocol, one line per host with its 100 metrics as fields (Telegraf's shape). */
    @Benchmark
    @OperationsPerInvocation(Workload.SAMPLES_PER_REQUEST)
    public int lineProtocol() {
        return pushLines(lines[next++ & 1]);
    }

    /** Influx line protocol, one sample per line (the worst case: every line repeats its tags). */
    @Benchmark
    @OperationsPerInvocation(Workload.SAMPLES_PER_REQUEST)
    public int lineProtocolOneFieldPerLine() {
        return pushLines(singleLines[next++ & 1]);
    }

    private int pushLines(byte[] body) {
        PushBatch batch = pipeline.open("influx");
        InfluxLineParser.parse(body, 0, body.length, System.currentTimeMillis(), Precision.MILLISECONDS, batch);
        return accepted(batch);
    }

    private int push(byte[] body, RemoteWriteVersion version) {
        PushBatch batch = pipeline.open("remote-write");
        decoder.decode(body, body.length, version, batch);
        return accepted(batch);
    }

    private static int accepted(PushBatch batch) {
        PushOutcome outcome = batch.publish().toCompletableFuture().join();
        if (outcome.status() != PushOutcome.Status.STORED) {
            throw new IllegalStateException("benchmark workload refused: " + outcome);
        }
        return outcome.samplesAccepted();
    }
}

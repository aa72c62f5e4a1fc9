package io.vigil.wire.remotewrite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.model.Labels;
import io.vigil.wire.BodyTooLargeException;
import io.vigil.wire.WireFormatException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RemoteWriteDecoderTest {
    private static final long STALE = 0x7ff0000000000002L;
    private static final long T = 1_700_000_000_000L;

    private static RecordingSink decode(byte[] body, RemoteWriteVersion v) {
        RecordingSink sink = new RecordingSink();
        new RemoteWriteDecoder(1 << 20).decode(body, body.length, v, sink);
        return sink;
    }

    @ParameterizedTest
    @EnumSource(RemoteWriteVersion.class)
    void decodesSeriesLabelsAndSamplesBitExact(RemoteWriteVersion v) {
        byte[] body = new RemoteWriteEncoder(v)
                .series(Map.of("__name__", "node_cpu_seconds_total", "cpu", "0", "mode", "idle", "instance", "h1:9100"),
                        new long[] {T, T + 15_000, T + 30_000},
                        new double[] {12.5, Double.longBitsToDouble(STALE), Double.POSITIVE_INFINITY})
                .series(Map.of("__name__", "up", "job", "node"), new long[] {T}, new double[] {1})
                .toSnappy();
        RecordingSink sink = decode(body, v);
        assertThat(sink.rejects).isEmpty();
        assertThat(sink.series).hasSize(2);
        RecordingSink.Series cpu = sink.series.get(0);
        assertThat(cpu.labels()).isEqualTo(Labels.of("node_cpu_seconds_total",
                Map.of("cpu", "0", "mode", "idle", "instance", "h1:9100")));
        assertThat(cpu.samples()).hasSize(3);
        assertThat(cpu.timestamp(1)).isEqualTo(T + 15_000);
        assertThat(cpu.valueBits(0)).isEqualTo(Double.doubleToRawLongBits(12.5));
        assertThat(cpu.valueBits(1)).isEqualTo(STALE);
        assertThat(cpu.valueBits(2)).isEqualTo(Double.doubleToRawLongBits(Double.POSITIVE_INFINITY));
        assertThat(sink.series.get(1).labels()).isEqualTo(Labels.of("up", Map.of("job", "node")));
    }

    @Test
    void emptyLabelValuesAreAbsentLabels() {
        byte[] body = new RemoteWriteEncoder(RemoteWriteVersion.V2)
                .series(Map.of("__name__", "up", "job", "node", "zone", ""), new long[] {T}, new double[] {1}).toSnappy();
        assertThat(decode(body, RemoteWriteVersion.V2).series.get(0).labels()).isEqualTo(Labels.of("up", Map.of("job", "node")));
    }

    @Test
    void v2SymbolsMayFollowTheSeriesAndRefsMayBeUnpacked() {
        ByteArrayOutputStream ts = new ByteArrayOutputStream();
        for (int ref : new int[] {1, 2, 3, 4}) {
            RemoteWriteEncoder.writeVarint(ts, 1 << 3);      // labels_refs, unpacked
            RemoteWriteEncoder.writeVarint(ts, ref);
        }
        byte[] sample = sample(7.0, T);
        field(ts, 2, sample);
        ByteArrayOutputStream req = new ByteArrayOutputStream();
        field(req, 5, ts.toByteArray());
        for (String s : new String[] {"", "__name__", "up", "job", "api"}) {
            field(req, 4, s.getBytes(StandardCharsets.UTF_8));
        }
        RecordingSink sink = new RecordingSink();
        new RemoteWriteDecoder(1 << 20).decodeMessage(req.toByteArray(), 0, req.size(), RemoteWriteVersion.V2, sink);
        assertThat(sink.series).singleElement().satisfies(s -> {
            assertThat(s.labels()).isEqualTo(Labels.of("up", Map.of("job", "api")));
            assertThat(s.valueBits(0)).isEqualTo(Double.doubleToRawLongBits(7.0));
        });
    }

    @Test
    void badV2SeriesAreRefusedAndTheOthersKept() {
        ByteArrayOutputStream req = new ByteArrayOutputStream();
        for (String s : new String[] {"", "__name__", "up", "job", "api"}) {
            field(req, 4, s.getBytes(StandardCharsets.UTF_8));
        }
        field(req, 5, series(new int[] {1, 2, 3}));          // odd number of refs
        field(req, 5, series(new int[] {1, 2, 3, 99}));      // ref outside the table
        field(req, 5, series(new int[] {1, 2, 1, 2}));       // __name__ twice
        field(req, 5, series(new int[] {1, 2, 3, 4}));       // fine
        RecordingSink sink = new RecordingSink();
        new RemoteWriteDecoder(1 << 20).decodeMessage(req.toByteArray(), 0, req.size(), RemoteWriteVersion.V2, sink);
        assertThat(sink.rejects).hasSize(3);
        assertThat(sink.rejects.get(0)).contains("odd number of label references");
        assertThat(sink.rejects.get(1)).contains("outside the symbols table");
        assertThat(sink.rejects.get(2)).contains("__name__ is given twice");
        assertThat(sink.series).singleElement().extracting(RecordingSink.Series::labels)
                .isEqualTo(Labels.of("up", Map.of("job", "api")));
    }

    @Test
    void nativeHistogramsAreRefusedButTheSeriesSamplesKept() {
        ByteArrayOutputStream ts = new ByteArrayOutputStream();
        ByteArrayOutputStream label = new ByteArrayOutputStream();
        field(label, 1, "__name__".getBytes(StandardCharsets.UTF_8));
        field(label, 2, "rpc_latency".getBytes(StandardCharsets.UTF_8));
        field(ts, 1, label.toByteArray());
        field(ts, 4, new byte[] {0x08, 0x05});                // a histogram (count_int = 5)
        field(ts, 3, new byte[] {0x11, 0, 0, 0, 0, 0, 0, 0, 0}); // an exemplar: ignored
        field(ts, 2, sample(3.0, T));
        ByteArrayOutputStream req = new ByteArrayOutputStream();
        field(req, 1, ts.toByteArray());
        RecordingSink sink = new RecordingSink();
        new RemoteWriteDecoder(1 << 20).decodeMessage(req.toByteArray(), 0, req.size(), RemoteWriteVersion.V1, sink);
        assertThat(sink.rejects).singleElement().asString().contains("rpc_latency").contains("native histogram");
        assertThat(sink.series).singleElement().satisfies(s -> assertThat(s.samples()).hasSize(1));
    }

    @Test
    void snappyBombsAreRefusedBeforeDecompressing() {
        // Declares 2^31 - 1 bytes in five bytes of preamble and has nothing behind it.
        byte[] bomb = {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x07, 0x00};
        assertThatThrownBy(() -> decode(bomb, RemoteWriteVersion.V1)).isInstanceOf(BodyTooLargeException.class)
                .hasMessageContaining("2147483647 bytes");
        byte[] tooBig = RemoteWriteEncoder.snappy(new byte[(1 << 20) + 1]);
        assertThatThrownBy(() -> decode(tooBig, RemoteWriteVersion.V1)).isInstanceOf(BodyTooLargeException.class);
        // Declares 10 bytes but expands to 1000: the decompressor stops at the declared size.
        byte[] lying = RemoteWriteEncoder.snappy(new byte[1000]);
        lying[0] = 10;
        lying[1] = 0x00;
        assertThatThrownBy(() -> decode(lying, RemoteWriteVersion.V1)).isInstanceOf(WireFormatException.class);
    }

    @Test
    void nonSnappyAndNonProtobufBodiesAreRefusedWithAReason() {
        assertThatThrownBy(() -> decode(new byte[0], RemoteWriteVersion.V1)).hasMessageContaining("empty body");
        byte[] text = "up{job=\"x\"} 1".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> decode(text, RemoteWriteVersion.V1)).isInstanceOf(WireFormatException.class);
        byte[] group = RemoteWriteEncoder.snappy(new byte[] {0x0B, 0x0C}); // wire type 3 (groups)
        assertThatThrownBy(() -> decode(group, RemoteWriteVersion.V1)).hasMessageContaining("wire type 3");
    }

    @ParameterizedTest
    @EnumSource(RemoteWriteVersion.class)
    void truncatedMessagesAreRefusedOrDecodeWhatIsComplete(RemoteWriteVersion v) {
        byte[] full = new RemoteWriteEncoder(v)
                .series(Map.of("__name__", "a", "k", "v"), new long[] {T, T + 1}, new double[] {1, 2})
                .series(Map.of("__name__", "b"), new long[] {T}, new double[] {3}).toProtobuf();
        for (int len = 0; len < full.length; len++) {
            RecordingSink sink = new RecordingSink();
            try {
                new RemoteWriteDecoder(1 << 20).decodeMessage(Arrays.copyOf(full, len), 0, len, v, sink);
                // A cut at a field boundary is a shorter valid message: never more than was sent.
                assertThat(sink.series.size()).isLessThanOrEqualTo(2);
            } catch (WireFormatException e) {
                assertThat(e.getMessage()).startsWith("malformed protobuf at byte");
            }
        }
    }

    @Test
    void randomBytesNeverEscapeAsAnythingButAWireFormatError() {
        Random random = new Random(42);
        RemoteWriteDecoder decoder = new RemoteWriteDecoder(1 << 16);
        for (int i = 0; i < 20_000; i++) {
            byte[] b = new byte[random.nextInt(200)];
            random.nextBytes(b);
            RemoteWriteVersion v = RemoteWriteVersion.values()[i & 1];
            try {
                decoder.decode(b, b.length, v, new RecordingSink());
            } catch (WireFormatException expected) {
                assertThat(expected.getMessage()).isNotBlank();
            }
            try {
                decoder.decodeMessage(b, 0, b.length, v, new RecordingSink());
            } catch (WireFormatException expected) {
                assertThat(expected.getMessage()).isNotBlank();
            }
        }
    }

    @Test
    void contentTypesSelectTheVersion() {
        assertThat(RemoteWriteVersion.ofContentType("application/x-protobuf")).isEqualTo(RemoteWriteVersion.V1);
        assertThat(RemoteWriteVersion.ofContentType("application/x-protobuf;proto=prometheus.WriteRequest"))
                .isEqualTo(RemoteWriteVersion.V1);
        assertThat(RemoteWriteVersion.ofContentType("Application/X-Protobuf; proto=io.prometheus.write.v2.Request"))
                .isEqualTo(RemoteWriteVersion.V2);
        assertThat(RemoteWriteVersion.ofContentType("application/x-protobuf;proto=io.prometheus.write.v3.Request")).isNull();
        assertThat(RemoteWriteVersion.ofContentType("application/json")).isNull();
        assertThat(RemoteWriteVersion.ofContentType(null)).isNull();
    }

    private static byte[] sample(double value, long t) {
        ByteArrayOutputStream s = new ByteArrayOutputStream();
        s.write(0x09);
        long bits = Double.doubleToRawLongBits(value);
        for (int b = 0; b < 8; b++) {
            s.write((int) (bits >>> 8 * b));
        }
        s.write(0x10);
        RemoteWriteEncoder.writeVarint(s, t);
        return s.toByteArray();
    }

    private static byte[] series(int[] refs) {
        ByteArrayOutputStream packed = new ByteArrayOutputStream();
        for (int r : refs) {
            RemoteWriteEncoder.writeVarint(packed, r);
        }
        ByteArrayOutputStream ts = new ByteArrayOutputStream();
        field(ts, 1, packed.toByteArray());
        field(ts, 2, sample(1.0, T));
        return ts.toByteArray();
    }

    private static void field(ByteArrayOutputStream out, int number, byte[] bytes) {
        RemoteWriteEncoder.writeVarint(out, number << 3 | 2);
        RemoteWriteEncoder.writeVarint(out, bytes.length);
        out.writeBytes(bytes);
    }
}

package io.vigil.wire.remotewrite;

import io.airlift.compress.snappy.SnappyCompressor;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds remote write 1.0 and 2.0 request bodies, as Prometheus sends them. Vigil only receives
 * remote write; this exists for tests, benchmarks and load generators, so it favours clarity over
 * speed.
 *
 * <pre>{@code
 * byte[] body = new RemoteWriteEncoder(RemoteWriteVersion.V2)
 *         .series(Map.of("__name__", "up", "job", "node"), new long[] {t}, new double[] {1})
 *         .toSnappy();
 * }</pre>
 */
public final class RemoteWriteEncoder {
    private final RemoteWriteVersion version;
    private final ByteArrayOutputStream series = new ByteArrayOutputStream();
    private final Map<String, Integer> symbols = new LinkedHashMap<>();

    public RemoteWriteEncoder(RemoteWriteVersion version) {
        this.version = version;
        symbols.put("", 0);
    }

    /** Adds a time series; labels include {@code __name__}; they are written sorted by name. */
    public RemoteWriteEncoder series(Map<String, String> labels, long[] timestamps, double[] values) {
        String[] names = labels.keySet().toArray(String[]::new);
        Arrays.sort(names);
        ByteArrayOutputStream ts = new ByteArrayOutputStream();
        if (version == RemoteWriteVersion.V1) {
            for (String name : names) {
                ByteArrayOutputStream label = new ByteArrayOutputStream();
                writeString(label, 1, name);
                writeString(label, 2, labels.get(name));
                writeMessage(ts, 1, label.toByteArray());
            }
        } else {
            ByteArrayOutputStream refs = new ByteArrayOutputStream();
            for (String name : names) {
                writeVarint(refs, symbol(name));
                writeVarint(refs, symbol(labels.get(name)));
            }
            writeMessage(ts, 1, refs.toByteArray());
        }
        for (int i = 0; i < timestamps.length; i++) {
            ByteArrayOutputStream sample = new ByteArrayOutputStream();
            writeVarint(sample, 1 << 3 | ProtoReader.FIXED64);
            long bits = Double.doubleToRawLongBits(values[i]);
            for (int b = 0; b < 8; b++) {
                sample.write((int) (bits >>> 8 * b));
            }
            writeVarint(sample, 2 << 3 | ProtoReader.VARINT);
            writeVarint(sample, timestamps[i]);
            writeMessage(ts, 2, sample.toByteArray());
        }
        writeMessage(series, version == RemoteWriteVersion.V1 ? 1 : 5, ts.toByteArray());
        return this;
    }

    /** The protobuf message, uncompressed. */
    public byte[] toProtobuf() {
        if (version == RemoteWriteVersion.V1) {
            return series.toByteArray();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String s : symbols.keySet()) {
            writeString(out, 4, s);
        }
        out.writeBytes(series.toByteArray());
        return out.toByteArray();
    }

    /** The request body: the message in snappy block format. */
    public byte[] toSnappy() {
        return snappy(toProtobuf());
    }

    /** Compresses any bytes in snappy block format. */
    public static byte[] snappy(byte[] raw) {
        SnappyCompressor compressor = new SnappyCompressor();
        byte[] out = new byte[compressor.maxCompressedLength(raw.length)];
        int n = compressor.compress(raw, 0, raw.length, out, 0, out.length);
        return Arrays.copyOf(out, n);
    }

    private int symbol(String s) {
        return symbols.computeIfAbsent(s, k -> symbols.size());
    }

    private static void writeString(ByteArrayOutputStream out, int field, String s) {
        writeMessage(out, field, s.getBytes(StandardCharsets.UTF_8));
    }

    private static void writeMessage(ByteArrayOutputStream out, int field, byte[] bytes) {
        writeVarint(out, field << 3 | ProtoReader.LEN);
        writeVarint(out, bytes.length);
        out.writeBytes(bytes);
    }

    static void writeVarint(ByteArrayOutputStream out, long v) {
        while ((v & ~0x7FL) != 0) {
            out.write((int) (v & 0x7F | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }
}

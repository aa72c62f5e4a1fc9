package io.vigil.ingest.gateway.pushgateway;

import io.vigil.model.Labels;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Records of the compacted topic {@code vigil.pushgateway.groups}. Key: the grouping labels sorted by
 * name, each as (name, value) strings, so one group always has the same key. Value, version 1:
 * <pre>
 * byte 1 | grouping labels | int64 push time ms | int64 failure time ms | int32 series count |
 *   per series: string family | string metric name | labels | float64 value (raw bits)
 * labels = int32 count, then (string name, string value) each; string = int32 byte length + UTF-8
 * </pre>
 * A null value (tombstone) is a deleted group. Decoding checks every length against what is left, so a
 * corrupt record is refused with {@link IllegalArgumentException} rather than read past its end.
 */
final class PushedGroupCodec {
    private static final byte VERSION = 1;

    private PushedGroupCodec() {
    }

    static byte[] key(GroupingKey key) {
        return write(out -> writeLabels(out, key.labels()));
    }

    static byte[] encode(PushedGroup group) {
        return write(out -> {
            out.writeByte(VERSION);
            writeLabels(out, group.key().labels());
            out.writeLong(group.pushTimeMillis());
            out.writeLong(group.failureTimeMillis());
            out.writeInt(group.series().size());
            for (PushedGroup.Series s : group.series()) {
                writeString(out, s.family());
                writeString(out, s.labels().metricName());
                out.writeInt(s.labels().size());
                for (int i = 0; i < s.labels().size(); i++) {
                    writeString(out, s.labels().key(i));
                    writeString(out, s.labels().value(i));
                }
                out.writeLong(Double.doubleToRawLongBits(s.value()));
            }
        });
    }

    static PushedGroup decode(byte[] value) {
        try {
            ByteBuffer in = ByteBuffer.wrap(value);
            byte version = in.get();
            if (version != VERSION) {
                throw new IllegalArgumentException("unknown pushgateway group record version " + version);
            }
            GroupingKey key = new GroupingKey(readLabels(in));
            long pushTime = in.getLong();
            long failureTime = in.getLong();
            int count = count(in, 8);
            List<PushedGroup.Series> series = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                String family = readString(in);
                String name = readString(in);
                Labels labels = Labels.of(name, readLabels(in));
                series.add(new PushedGroup.Series(family, labels, Double.longBitsToDouble(in.getLong())));
            }
            if (in.hasRemaining()) {
                throw new IllegalArgumentException(in.remaining() + " bytes after the end of a pushgateway group record");
            }
            return new PushedGroup(key, pushTime, failureTime, series);
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("truncated pushgateway group record");
        }
    }

    private interface Writer {
        void write(DataOutputStream out) throws IOException;
    }

    private static byte[] write(Writer writer) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            writer.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void writeLabels(DataOutputStream out, Map<String, String> labels) throws IOException {
        out.writeInt(labels.size());
        for (Map.Entry<String, String> e : labels.entrySet()) {
            writeString(out, e.getKey());
            writeString(out, e.getValue());
        }
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static TreeMap<String, String> readLabels(ByteBuffer in) {
        int count = count(in, 8);
        TreeMap<String, String> labels = new TreeMap<>();
        for (int i = 0; i < count; i++) {
            labels.put(readString(in), readString(in));
        }
        return labels;
    }

    private static String readString(ByteBuffer in) {
        int length = count(in, 1);
        String s = new String(in.array(), in.position(), length, StandardCharsets.UTF_8);
        in.position(in.position() + length);
        return s;
    }

    /** A count of items at least {@code minBytes} long each, checked against the bytes left. */
    private static int count(ByteBuffer in, int minBytes) {
        int n = in.getInt();
        if (n < 0 || (long) n * minBytes > in.remaining()) {
            throw new IllegalArgumentException("corrupt pushgateway group record (count " + n + " with " + in.remaining()
                    + " bytes left)");
        }
        return n;
    }
}

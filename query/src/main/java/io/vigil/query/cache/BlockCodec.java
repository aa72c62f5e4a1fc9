package io.vigil.query.cache;

import io.vigil.query.promql.LabelSet;
import io.vigil.query.promql.QueryValue;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * The bytes of one cached block: a version, the tier that answered, then every series with its labels
 * and points. Points are stored as step indexes from the block start (the block's points are aligned
 * to the step), so a day of one-minute points costs a few bytes per point plus the double.
 */
final class BlockCodec {
    private static final byte VERSION = 1;

    private BlockCodec() {
    }

    /** A decoded block: the tier that computed it and its series. */
    record Decoded(String tier, List<QueryValue.Series> series) {
    }

    static byte[] encode(String tier, List<QueryValue.Series> series, long blockStart, long step) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeUTF(tier == null ? "" : tier);
            out.writeInt(series.size());
            for (QueryValue.Series s : series) {
                LabelSet labels = s.labels();
                out.writeShort(labels.size());
                for (int i = 0; i < labels.size(); i++) {
                    out.writeUTF(labels.name(i));
                    out.writeUTF(labels.value(i));
                }
                out.writeInt(s.size());
                for (int i = 0; i < s.size(); i++) {
                    out.writeInt((int) ((s.times()[i] - blockStart) / step));
                    out.writeDouble(s.values()[i]);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Decodes a block; throws IllegalArgumentException for bytes that are not a block of this version. */
    static Decoded decode(byte[] data, long blockStart, long step) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            if (in.readByte() != VERSION) {
                throw new IllegalArgumentException("unknown cache block version");
            }
            String tier = in.readUTF();
            int count = in.readInt();
            List<QueryValue.Series> series = new ArrayList<>(Math.min(count, 10_000));
            for (int s = 0; s < count; s++) {
                int labelCount = in.readShort();
                TreeMap<String, String> labels = new TreeMap<>();
                for (int i = 0; i < labelCount; i++) {
                    labels.put(in.readUTF(), in.readUTF());
                }
                int points = in.readInt();
                if (points < 0 || points > data.length) {
                    throw new IllegalArgumentException("corrupt cache block");
                }
                long[] times = new long[points];
                double[] values = new double[points];
                for (int i = 0; i < points; i++) {
                    times[i] = blockStart + in.readInt() * step;
                    values[i] = in.readDouble();
                }
                series.add(new QueryValue.Series(LabelSet.of(labels), times, values, points));
            }
            return new Decoded(tier.isEmpty() ? null : tier, series);
        } catch (IOException e) {
            throw new IllegalArgumentException("corrupt cache block", e);
        }
    }
}

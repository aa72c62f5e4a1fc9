package io.vigil.kafka;

import io.vigil.wire.LabelBuffer;
import java.util.Arrays;

/**
 * Encodes the series of one request straight into version 2 record values, one per partition (see
 * {@link SampleBatchCodec} for the format), without allocating per series or sample: the buffers are
 * kept across {@link #reset} calls, so a pooled builder reaches a steady state with no allocation
 * besides the final {@link #toValue} copies.
 *
 * <pre>{@code
 * builder.reset(partitions);
 * labels.sort();
 * builder.beginSeries(labels.seriesId(), 0, labels);
 * builder.sample(1_700_000_000_000L, 0.25);
 * builder.finish();
 * for (int i = 0; i < builder.recordCount(); i++) {
 *     send(builder.recordPartition(i), SampleBatchCodec.key(builder.recordFirstSeriesId(i)), builder.recordValue(i));
 * }
 * }</pre>
 *
 * <p>A series started again right after itself on its partition (consecutive items of the same
 * series) continues the same entry; a series that received no sample is dropped from the record. A
 * partition's record is closed and a new one started once it passes {@code maxRecordBytes} (at a
 * series boundary), so that no record reaches the broker's message size limit.
 */
public final class SampleRecordBuilder {
    private final int maxRecordBytes;
    private Partition[] parts = new Partition[0];
    private int partitions;
    private Partition current;
    private byte[][] recordValues = new byte[8][];
    private int[] recordPartitions = new int[8];
    private long[] recordFirstIds = new long[8];
    private int records;
    private int seriesEntries;

    /** {@code maxRecordBytes}: size past which a partition's record is closed (keep it below the broker's 1 MB). */
    public SampleRecordBuilder(int maxRecordBytes) {
        this.maxRecordBytes = maxRecordBytes;
    }

    public SampleRecordBuilder() {
        this(512 * 1024);
    }

    /** One partition's record under construction. */
    private static final class Partition {
        final ByteSink out = new ByteSink(4096);
        int series;
        long firstId;
        long lastId;
        int lastFlags;
        int seriesStart;
        int countAt;
        int samples;
        long previousTimestamp;
    }

    /** Forgets everything written; keeps the memory. */
    public void reset(int partitionCount) {
        if (partitionCount < 1) {
            throw new IllegalArgumentException("partition count must be positive, got " + partitionCount);
        }
        if (parts.length < partitionCount) {
            int old = parts.length;
            parts = Arrays.copyOf(parts, partitionCount);
            for (int i = old; i < partitionCount; i++) {
                parts[i] = new Partition();
            }
        }
        for (int i = 0; i < partitionCount; i++) {
            parts[i].out.clear();
            parts[i].series = 0;
        }
        partitions = partitionCount;
        current = null;
        Arrays.fill(recordValues, 0, records, null);
        records = 0;
        seriesEntries = 0;
    }

    public int partitionCount() {
        return partitions;
    }

    /**
     * Starts a series; {@code labels} must be sorted (so that their order matches the id) and valid.
     * {@code flags} is 0 or {@link SampleBatchCodec#FLAG_DELTA}.
     */
    public void beginSeries(long seriesId, int flags, LabelBuffer labels) {
        int index = SampleBatchCodec.partitionOf(seriesId, partitions);
        Partition p = parts[index];
        if (p.series > 0 && p.samples > 0 && p.lastId == seriesId && p.lastFlags == flags) {
            current = p;
            return;
        }
        ByteSink out = p.out;
        dropIfEmpty(p);
        if (out.size() >= maxRecordBytes) {
            close(index);
        }
        current = p;
        if (p.series == 0) {
            out.clear();
            out.writeByte(SampleBatchCodec.VERSION_2);
            out.writeInt(0);
            p.firstId = seriesId;
        }
        p.seriesStart = out.size();
        out.writeByte(flags);
        out.writeLong(seriesId);
        byte[] b = labels.bytes();
        out.writeBytes(b, labels.nameOffset(), labels.nameLength());
        int n = labels.labelCount();
        out.writeVarint(n);
        for (int i = 0; i < n; i++) {
            out.writeBytes(b, labels.keyOffset(i), labels.keyLength(i));
            out.writeBytes(b, labels.valueOffset(i), labels.valueLength(i));
        }
        p.countAt = out.size();
        out.writeInt(0);
        p.series++;
        p.lastId = seriesId;
        p.lastFlags = flags;
        p.samples = 0;
        p.previousTimestamp = 0;
    }

    /** A sample of the series begun last. */
    public void sample(long timestampMillis, double value) {
        Partition p = current;
        if (p == null) {
            throw new IllegalStateException("sample before any series");
        }
        ByteSink out = p.out;
        p.previousTimestamp = out.writeTimestamp(timestampMillis, p.previousTimestamp);
        out.writeLong(Double.doubleToRawLongBits(value));
        out.putInt(p.countAt, ++p.samples);
    }

    /** Closes every partition's record; afterwards the records can be read. */
    public void finish() {
        for (int i = 0; i < partitions; i++) {
            close(i);
        }
        current = null;
    }

    /** Records written (after {@link #finish}): one per partition that received samples, more for big ones. */
    public int recordCount() {
        return records;
    }

    public int recordPartition(int i) {
        return recordPartitions[i];
    }

    /** The first series id of record {@code i}, its key. */
    public long recordFirstSeriesId(int i) {
        return recordFirstIds[i];
    }

    /** The value of record {@code i}: an exact-size copy owned by the caller. */
    public byte[] recordValue(int i) {
        return recordValues[i];
    }

    /** Series entries with samples in all closed records. */
    public int seriesEntries() {
        return seriesEntries;
    }

    /** Encoded bytes of all closed records. */
    public long recordBytes() {
        long sum = 0;
        for (int i = 0; i < records; i++) {
            sum += recordValues[i].length;
        }
        return sum;
    }

    /** Bytes of memory held by the buffers, for a pool to decide whether to keep this builder. */
    public long retainedBytes() {
        long sum = 0;
        for (Partition p : parts) {
            sum += p.out.capacity();
        }
        return sum;
    }

    private static void dropIfEmpty(Partition p) {
        if (p.series > 0 && p.samples == 0) {
            p.out.truncate(p.seriesStart);
            p.series--;
            p.samples = -1;
        }
    }

    private void close(int index) {
        Partition part = parts[index];
        dropIfEmpty(part);
        if (part.series == 0) {
            return;
        }
        part.out.putInt(1, part.series);
        if (records == recordValues.length) {
            int n = records * 2;
            recordValues = Arrays.copyOf(recordValues, n);
            recordPartitions = Arrays.copyOf(recordPartitions, n);
            recordFirstIds = Arrays.copyOf(recordFirstIds, n);
        }
        recordValues[records] = Arrays.copyOf(part.out.buffer(), part.out.size());
        recordPartitions[records] = index;
        recordFirstIds[records] = part.firstId;
        records++;
        seriesEntries += part.series;
        part.series = 0;
        part.samples = -1;
        part.out.clear();
        if (current == part) {
            current = null;
        }
    }
}

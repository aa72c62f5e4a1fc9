package io.vigil.wire.otlp;

import io.vigil.wire.WireFormatException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Histogram and summary data points, in Prometheus' classic layout.
 *
 * <p>A histogram point with bounds b0 < b1 < … and per-bucket counts c0, c1, … becomes
 * {@code _bucket{le="b0"} = c0}, {@code _bucket{le="b1"} = c0+c1}, …, {@code _bucket{le="+Inf"} = count}
 * (cumulative, as Prometheus' buckets are), plus {@code _count} and, when sent, {@code _sum}. A delta
 * histogram's series are all delta series: the running totals of these cumulative-over-buckets counts
 * are again correct bucket counts. A summary point becomes {@code {quantile="q"}} per quantile,
 * {@code _sum} and {@code _count}.
 */
final class DistributionPoints {
    /** More buckets than any sensible explicit histogram; bounds the work per point. */
    static final int MAX_BUCKETS = 1024;
    private static final byte[] BUCKET = ascii("_bucket");
    private static final byte[] SUM = ascii("_sum");
    private static final byte[] COUNT = ascii("_count");
    private static final byte[] NONE = new byte[0];
    private static final byte[] LE = ascii("le");
    private static final byte[] QUANTILE = ascii("quantile");

    private final MetricDecoder metric;
    private final SeriesEmitter emitter;
    private final BoundLabels bounds = new BoundLabels();
    private final ProtoCursor point = new ProtoCursor();
    private final ProtoCursor quantile = new ProtoCursor();
    private long[] counts = new long[32];
    private double[] limits = new double[32];
    private int countCount;
    private int limitCount;

    DistributionPoints(MetricDecoder metric, SeriesEmitter emitter) {
        this.metric = metric;
        this.emitter = emitter;
    }

    void histogram(byte[] buf, int start, int end, boolean delta) {
        long nanos = 0;
        long count = 0;
        double sum = 0;
        boolean hasSum = false;
        long flags = 0;
        countCount = 0;
        limitCount = 0;
        point.open(buf, start, end);
        while (point.next()) {
            int f = point.field();
            int type = point.wireType();
            if (f == 3 && type == ProtoCursor.I64) {
                nanos = point.readFixed64();
            } else if (f == 4 && type == ProtoCursor.I64) {
                count = point.readFixed64();
            } else if (f == 5 && type == ProtoCursor.I64) {
                sum = point.readDouble();
                hasSum = true;
            } else if (f == 6 && (type == ProtoCursor.LEN || type == ProtoCursor.I64)) {
                readFixed64s(true);
            } else if (f == 7 && (type == ProtoCursor.LEN || type == ProtoCursor.I64)) {
                readFixed64s(false);
            } else if (f == 10 && type == ProtoCursor.VARINT) {
                flags = point.readVarint();
            } else {
                point.skip();
            }
        }
        boolean stale = (flags & 1) != 0;
        if (stale && delta) {
            return;
        }
        if (countCount > MAX_BUCKETS || limitCount > MAX_BUCKETS) {
            metric.refuse("a histogram point has more than " + MAX_BUCKETS + " buckets");
            return;
        }
        if (countCount != 0 && countCount != limitCount + 1) {
            metric.refuse("a histogram point has " + countCount + " bucket counts for " + limitCount
                    + " bounds (needs one more count than bounds)");
            return;
        }
        for (int i = 0; i < limitCount; i++) {
            if (Double.isNaN(limits[i]) || i > 0 && limits[i] <= limits[i - 1]) {
                metric.refuse("histogram bounds are not strictly increasing numbers");
                return;
            }
        }
        if (!metric.pointLabels(start, end, 9)) {
            return;
        }
        long ms = metric.timeMillis(nanos);
        if (hasSum || stale) {
            emitter.emit(SUM, null, null, delta, ms, stale ? SeriesEmitter.STALE_NAN : sum);
        }
        emitter.emit(COUNT, null, null, delta, ms, stale ? SeriesEmitter.STALE_NAN : unsigned(count));
        if (countCount == 0) {
            return;
        }
        long cumulative = 0;
        for (int i = 0; i < limitCount; i++) {
            cumulative += counts[i];
            emitter.emit(BUCKET, LE, bounds.text(limits[i]), delta, ms, stale ? SeriesEmitter.STALE_NAN : unsigned(cumulative));
        }
        emitter.emit(BUCKET, LE, BoundLabels.PLUS_INF, delta, ms, stale ? SeriesEmitter.STALE_NAN : unsigned(count));
    }

    void summary(byte[] buf, int start, int end) {
        long nanos = 0;
        long count = 0;
        double sum = 0;
        long flags = 0;
        point.open(buf, start, end);
        while (point.next()) {
            int f = point.field();
            int type = point.wireType();
            if (f == 3 && type == ProtoCursor.I64) {
                nanos = point.readFixed64();
            } else if (f == 4 && type == ProtoCursor.I64) {
                count = point.readFixed64();
            } else if (f == 5 && type == ProtoCursor.I64) {
                sum = point.readDouble();
            } else if (f == 8 && type == ProtoCursor.VARINT) {
                flags = point.readVarint();
            } else {
                point.skip();
            }
        }
        if (!metric.pointLabels(start, end, 7)) {
            return;
        }
        boolean stale = (flags & 1) != 0;
        long ms = metric.timeMillis(nanos);
        emitter.emit(SUM, null, null, false, ms, stale ? SeriesEmitter.STALE_NAN : sum);
        emitter.emit(COUNT, null, null, false, ms, stale ? SeriesEmitter.STALE_NAN : unsigned(count));
        point.open(buf, start, end);
        while (point.next()) {
            if (point.field() != 6 || point.wireType() != ProtoCursor.LEN) {
                point.skip();
                continue;
            }
            point.readRange();
            double q = 0; // proto3 leaves zero values out of the message
            double v = 0;
            quantile.open(buf, point.start(), point.end());
            while (quantile.next()) {
                if (quantile.field() == 1 && quantile.wireType() == ProtoCursor.I64) {
                    q = quantile.readDouble();
                } else if (quantile.field() == 2 && quantile.wireType() == ProtoCursor.I64) {
                    v = quantile.readDouble();
                } else {
                    quantile.skip();
                }
            }
            emitter.emit(NONE, QUANTILE, bounds.text(q), false, ms, stale ? SeriesEmitter.STALE_NAN : v);
        }
    }

    /** A packed (LEN) or single (I64) element of bucket_counts (counts) or explicit_bounds. */
    private void readFixed64s(boolean intoCounts) {
        if (point.wireType() == ProtoCursor.I64) {
            add(intoCounts, point.readFixed64());
            return;
        }
        point.readRange();
        int length = point.end() - point.start();
        if (length % 8 != 0) {
            throw new WireFormatException("protobuf: packed fixed64 field of " + length + " bytes (not a multiple of 8) at byte "
                    + point.start());
        }
        byte[] b = point.buffer();
        for (int p = point.start(); p < point.end(); p += 8) {
            long v = 0;
            for (int i = 7; i >= 0; i--) {
                v = v << 8 | (b[p + i] & 0xFF);
            }
            add(intoCounts, v);
        }
    }

    private void add(boolean intoCounts, long bits) {
        if (intoCounts) {
            if (countCount < MAX_BUCKETS + 1) {
                if (countCount == counts.length) {
                    counts = Arrays.copyOf(counts, countCount * 2);
                }
                counts[countCount] = bits;
            }
            countCount++;
        } else {
            if (limitCount < MAX_BUCKETS + 1) {
                if (limitCount == limits.length) {
                    limits = Arrays.copyOf(limits, limitCount * 2);
                }
                limits[limitCount] = Double.longBitsToDouble(bits);
            }
            limitCount++;
        }
    }

    private static double unsigned(long v) {
        return v >= 0 ? v : (v >>> 1) * 2.0 + (v & 1);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}

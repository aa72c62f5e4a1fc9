package io.vigil.wire.otlp;

import io.vigil.wire.LabelBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Decodes one {@code Metric} message and emits its data points:
 *
 * <ul>
 * <li>Gauge → a gauge series per point;
 * <li>Sum, cumulative and monotonic → a counter ({@code _total});
 * <li>Sum, delta → a delta series (stored as its running total; monotonic ones get {@code _total});
 * <li>Sum, not monotonic, cumulative → a gauge;
 * <li>Histogram (explicit buckets) → {@code _bucket{le}}, {@code _sum}, {@code _count}, delta ones as
 *     delta series ({@link DistributionPoints});
 * <li>Summary → {@code {quantile}}, {@code _sum}, {@code _count};
 * <li>ExponentialHistogram, or a Sum/Histogram without temporality → every point refused with the reason.
 * </ul>
 *
 * <p>Points flagged "no recorded value" become staleness markers; on delta series (where there is no
 * value to add) they are dropped.
 */
final class MetricDecoder {
    private static final byte[] NONE = new byte[0];
    static final int GAUGE = 5;
    static final int SUM = 7;
    static final int HISTOGRAM = 9;
    static final int EXPONENTIAL_HISTOGRAM = 10;
    static final int SUMMARY = 11;
    static final int DELTA = 1;
    static final int CUMULATIVE = 2;

    private final SeriesEmitter emitter;
    private final AttributeLabels attributes;
    private final MetricNamer namer = new MetricNamer();
    private final DistributionPoints distributions;
    private final ProtoCursor metric = new ProtoCursor();
    private final ProtoCursor data = new ProtoCursor();
    private final ProtoCursor point = new ProtoCursor();
    private final ProtoCursor labelsCursor = new ProtoCursor();
    private LabelBuffer base;
    private byte[] buf;
    private int nameStart;
    private int nameEnd;
    private long nowMillis;
    private long maxTime = Long.MIN_VALUE;

    MetricDecoder(SeriesEmitter emitter, AttributeLabels attributes) {
        this.emitter = emitter;
        this.attributes = attributes;
        this.distributions = new DistributionPoints(this, emitter);
    }

    /** Labels every point of the following metrics starts with (resource and scope). */
    void baseLabels(LabelBuffer base) {
        this.base = base;
    }

    void start(long nowMillis) {
        this.nowMillis = nowMillis;
        this.maxTime = Long.MIN_VALUE;
    }

    /** Latest point time emitted since {@link #start}, or Long.MIN_VALUE. */
    long maxTime() {
        return maxTime;
    }

    void decode(byte[] buf, int start, int end) {
        this.buf = buf;
        nameStart = nameEnd = 0;
        int unitStart = 0;
        int unitEnd = 0;
        int kind = 0;
        int dataStart = 0;
        int dataEnd = 0;
        metric.open(buf, start, end);
        while (metric.next()) {
            int f = metric.field();
            if (metric.wireType() != ProtoCursor.LEN) {
                metric.skip();
                continue;
            }
            metric.readRange();
            if (f == 1) {
                nameStart = metric.start();
                nameEnd = metric.end();
            } else if (f == 3) {
                unitStart = metric.start();
                unitEnd = metric.end();
            } else if (f == GAUGE || f == SUM || f == HISTOGRAM || f == EXPONENTIAL_HISTOGRAM || f == SUMMARY) {
                kind = f;
                dataStart = metric.start();
                dataEnd = metric.end();
            }
        }
        if (kind == 0) {
            return; // no data: nothing to store or refuse
        }
        int temporality = 0;
        boolean monotonic = false;
        data.open(buf, dataStart, dataEnd);
        while (data.next()) {
            if (data.field() == 2 && data.wireType() == ProtoCursor.VARINT) {
                temporality = (int) data.readVarint();
            } else if (data.field() == 3 && data.wireType() == ProtoCursor.VARINT) {
                monotonic = data.readVarint() != 0;
            } else {
                data.skip();
            }
        }
        if (kind == EXPONENTIAL_HISTOGRAM) {
            refuseAll(dataStart, dataEnd, "exponential histograms are not supported; configure the exporter "
                    + "for explicit bucket histograms");
            return;
        }
        if ((kind == SUM || kind == HISTOGRAM) && temporality != DELTA && temporality != CUMULATIVE) {
            refuseAll(dataStart, dataEnd, "aggregation temporality " + temporality + " is neither delta (1) nor cumulative (2)");
            return;
        }
        MetricNamer.Kind naming = switch (kind) {
            case SUM -> monotonic ? MetricNamer.Kind.COUNTER : MetricNamer.Kind.GAUGE;
            case HISTOGRAM -> MetricNamer.Kind.HISTOGRAM;
            case SUMMARY -> MetricNamer.Kind.SUMMARY;
            default -> MetricNamer.Kind.GAUGE;
        };
        if (!namer.translate(buf, nameStart, nameEnd, unitStart, unitEnd, naming)) {
            refuseAll(dataStart, dataEnd, "the metric name has no letters or digits");
            return;
        }
        emitter.metricName(namer.bytes(), namer.length());
        boolean delta = temporality == DELTA;
        data.open(buf, dataStart, dataEnd);
        while (data.next()) {
            if (data.field() != 1 || data.wireType() != ProtoCursor.LEN) {
                data.skip();
                continue;
            }
            data.readRange();
            switch (kind) {
                case HISTOGRAM -> distributions.histogram(buf, data.start(), data.end(), delta);
                case SUMMARY -> distributions.summary(buf, data.start(), data.end());
                default -> numberPoint(data.start(), data.end(), delta);
            }
        }
    }

    private void numberPoint(int start, int end, boolean delta) {
        long nanos = 0;
        long flags = 0;
        boolean hasValue = false;
        double value = 0;
        point.open(buf, start, end);
        while (point.next()) {
            int f = point.field();
            if (f == 3 && point.wireType() == ProtoCursor.I64) {
                nanos = point.readFixed64();
            } else if (f == 4 && point.wireType() == ProtoCursor.I64) {
                value = point.readDouble();
                hasValue = true;
            } else if (f == 6 && point.wireType() == ProtoCursor.I64) {
                value = point.readFixed64();
                hasValue = true;
            } else if (f == 8 && point.wireType() == ProtoCursor.VARINT) {
                flags = point.readVarint();
            } else {
                point.skip();
            }
        }
        boolean noRecordedValue = (flags & 1) != 0;
        if (noRecordedValue && delta) {
            return;
        }
        if (!hasValue && !noRecordedValue) {
            refuse("a data point has no value");
            return;
        }
        if (pointLabels(start, end, 7)) {
            emitter.emit(NONE, null, null, delta, timeMillis(nanos), noRecordedValue ? SeriesEmitter.STALE_NAN : value);
        }
    }

    /** Fills the emitter's point labels: base labels, then the attributes (field attrField); false if refused. */
    boolean pointLabels(int start, int end, int attrField) {
        LabelBuffer labels = emitter.point;
        labels.reset();
        if (base != null) {
            SeriesEmitter.copyLabels(base, labels);
        }
        labelsCursor.open(buf, start, end);
        while (labelsCursor.next()) {
            if (labelsCursor.field() != attrField || labelsCursor.wireType() != ProtoCursor.LEN) {
                labelsCursor.skip();
                continue;
            }
            labelsCursor.readRange();
            attributes.split(buf, labelsCursor.start(), labelsCursor.end());
            String problem = attributes.addLabel(labels, buf);
            if (problem != null) {
                refuse(problem);
                return false;
            }
        }
        return true;
    }

    /** OTLP times are Unix nanoseconds; 0 means "not set", and then the receive time is used. */
    long timeMillis(long nanos) {
        long ms = nanos == 0 ? nowMillis : Long.divideUnsigned(nanos, 1_000_000);
        if (ms > maxTime) {
            maxTime = ms;
        }
        return ms;
    }

    void refuse(String reason) {
        emitter.sink().reject(metricName() + ": " + reason);
    }

    private void refuseAll(int dataStart, int dataEnd, String reason) {
        String message = metricName() + ": " + reason;
        data.open(buf, dataStart, dataEnd);
        while (data.next()) {
            if (data.field() == 1 && data.wireType() == ProtoCursor.LEN) {
                emitter.sink().reject(message);
            }
            data.skip();
        }
    }

    private String metricName() {
        String name = new String(buf, nameStart, Math.min(nameEnd - nameStart, 200), StandardCharsets.UTF_8);
        return "metric \"" + name + "\"";
    }
}

package io.vigil.wire.otlp;

import io.vigil.wire.LabelBuffer;
import io.vigil.wire.SampleSink;
import io.vigil.wire.WireFormatException;
import java.nio.charset.StandardCharsets;

/**
 * Parser of OTLP/HTTP metrics requests ({@code ExportMetricsServiceRequest}), in protobuf or OTLP/JSON,
 * into a {@link SampleSink}, with the series naming of Prometheus' OTLP receiver.
 *
 * <pre>{@code
 * OtlpMetricsParser parser = new OtlpMetricsParser(OtlpOptions.DEFAULTS);   // reuse per thread
 * parser.parseProtobuf(body, body.length, sink, System.currentTimeMillis());
 * }</pre>
 *
 * <p>Labels of every series: {@code job} = {@code service.namespace/service.name} (or just
 * {@code service.name}), {@code instance} = {@code service.instance.id}, the promoted resource
 * attributes ({@link OtlpOptions}), optionally the scope, then the data point's attributes (see
 * {@link AttributeLabels} for names and values, {@link MetricNamer} for metric names,
 * {@link MetricDecoder} for the metric types). The remaining resource attributes go to
 * {@code target_info}. Times are {@code time_unix_nano} truncated to milliseconds. Exemplars and
 * metric descriptions are ignored.
 *
 * <p>Not reentrant: one instance per thread. Protobuf decoding allocates nothing per sample.
 */
public final class OtlpMetricsParser {
    private static final byte[] SERVICE_NAME = ascii("service.name");
    private static final byte[] SERVICE_NAMESPACE = ascii("service.namespace");
    private static final byte[] SERVICE_INSTANCE_ID = ascii("service.instance.id");
    private static final byte[] JOB = ascii("job");
    private static final byte[] INSTANCE = ascii("instance");

    private final OtlpOptions options;
    private final byte[][] promoted;
    private final AttributeLabels attributes = new AttributeLabels();
    private final SeriesEmitter emitter = new SeriesEmitter();
    private final MetricDecoder metrics = new MetricDecoder(emitter, attributes);
    private final JsonTranscoder json = new JsonTranscoder();
    private final ProtoCursor request = new ProtoCursor();
    private final ProtoCursor resource = new ProtoCursor();
    private final ProtoCursor scope = new ProtoCursor();
    private final ProtoCursor fields = new ProtoCursor();
    private final LabelBuffer resourceLabels = new LabelBuffer();
    private final LabelBuffer scopeLabels = new LabelBuffer();
    private final LabelBuffer targetInfo = new LabelBuffer();
    private byte[] buf;
    /** Labels of target_info that identify the resource (job, instance); the rest are attributes. */
    private int targetInfoIdentity;

    public OtlpMetricsParser(OtlpOptions options) {
        this.options = options;
        this.promoted = new byte[options.promotedResourceAttributes().size()][];
        for (int i = 0; i < promoted.length; i++) {
            promoted[i] = options.promotedResourceAttributes().get(i).getBytes(StandardCharsets.UTF_8);
        }
    }

    /**
     * Parses a protobuf {@code ExportMetricsServiceRequest} from body[0, length). Items that cannot be
     * stored are reported to {@link SampleSink#reject}; returns the number of samples the sink accepted.
     *
     * @throws WireFormatException the body is not a well-formed request
     */
    public int parseProtobuf(byte[] body, int length, SampleSink sink, long nowMillis) {
        if (length < 0 || length > body.length) {
            throw new IllegalArgumentException("length " + length + " outside the body");
        }
        buf = body;
        emitter.start(sink);
        request.open(body, 0, length);
        while (request.next()) {
            if (request.field() == 1 && request.wireType() == ProtoCursor.LEN) {
                request.readRange();
                resourceMetrics(request.start(), request.end(), nowMillis);
            } else {
                request.skip();
            }
        }
        return emitter.emitted();
    }

    /**
     * Parses an OTLP/JSON request: it is first transcoded to the protobuf encoding (one mapping for
     * both encodings), then parsed as such.
     *
     * @throws WireFormatException the body is not well-formed OTLP/JSON
     */
    public int parseJson(byte[] body, int length, SampleSink sink, long nowMillis) {
        json.transcode(body, length);
        return parseProtobuf(json.bytes(), json.length(), sink, nowMillis);
    }

    private void resourceMetrics(int start, int end, long nowMillis) {
        int resStart = start;
        int resEnd = start;
        resource.open(buf, start, end);
        while (resource.next()) {
            if (resource.field() == 1 && resource.wireType() == ProtoCursor.LEN) {
                resource.readRange();
                resStart = resource.start();
                resEnd = resource.end();
            } else {
                resource.skip();
            }
        }
        boolean identified = resourceLabels(resStart, resEnd);
        metrics.start(nowMillis);
        resource.open(buf, start, end);
        while (resource.next()) {
            if (resource.field() == 2 && resource.wireType() == ProtoCursor.LEN) {
                resource.readRange();
                scopeMetrics(resource.start(), resource.end());
            } else {
                resource.skip();
            }
        }
        if (options.targetInfo() && identified && targetInfo.labelCount() > targetInfoIdentity
                && metrics.maxTime() != Long.MIN_VALUE) {
            emitter.emitPrepared(targetInfo, false, metrics.maxTime(), 1);
        }
    }

    /** Builds the resource's labels and target_info; returns whether job or instance is known. */
    private boolean resourceLabels(int start, int end) {
        resourceLabels.reset();
        targetInfo.reset();
        targetInfo.setName("target_info");
        int nameAt = -1;
        int nameEnd = -1;
        int namespaceAt = -1;
        int namespaceEnd = -1;
        int instanceAt = -1;
        int instanceEnd = -1;
        fields.open(buf, start, end);
        while (fields.next()) {
            if (fields.field() != 1 || fields.wireType() != ProtoCursor.LEN) {
                fields.skip();
                continue;
            }
            fields.readRange();
            attributes.split(buf, fields.start(), fields.end());
            if (attributes.keyEquals(buf, SERVICE_NAME)) {
                nameAt = fields.start();
                nameEnd = fields.end();
            } else if (attributes.keyEquals(buf, SERVICE_NAMESPACE)) {
                namespaceAt = fields.start();
                namespaceEnd = fields.end();
            } else if (attributes.keyEquals(buf, SERVICE_INSTANCE_ID)) {
                instanceAt = fields.start();
                instanceEnd = fields.end();
            }
        }
        if (nameAt >= 0) {
            int k = resourceLabels.position();
            resourceLabels.append(JOB, 0, JOB.length);
            int v = resourceLabels.position();
            if (namespaceAt >= 0) {
                attributes.split(buf, namespaceAt, namespaceEnd);
                if (attributes.appendValue(resourceLabels, buf) == null && resourceLabels.position() > v) {
                    resourceLabels.append((byte) '/');
                } else {
                    // An unusable namespace: start the label again after what was written of it.
                    k = resourceLabels.position();
                    resourceLabels.append(JOB, 0, JOB.length);
                    v = resourceLabels.position();
                }
            }
            int before = resourceLabels.position();
            attributes.split(buf, nameAt, nameEnd);
            if (attributes.appendValue(resourceLabels, buf) == null && resourceLabels.position() > before) {
                resourceLabels.labelFrom(k, v);
            }
        }
        if (instanceAt >= 0) {
            int k = resourceLabels.position();
            resourceLabels.append(INSTANCE, 0, INSTANCE.length);
            int v = resourceLabels.position();
            attributes.split(buf, instanceAt, instanceEnd);
            if (attributes.appendValue(resourceLabels, buf) == null && resourceLabels.position() > v) {
                resourceLabels.labelFrom(k, v);
            }
        }
        boolean identified = resourceLabels.labelCount() > 0;
        SeriesEmitter.copyLabels(resourceLabels, targetInfo);
        targetInfoIdentity = targetInfo.labelCount();
        fields.open(buf, start, end);
        while (fields.next()) {
            if (fields.field() != 1 || fields.wireType() != ProtoCursor.LEN) {
                fields.skip();
                continue;
            }
            fields.readRange();
            attributes.split(buf, fields.start(), fields.end());
            if (attributes.keyEquals(buf, SERVICE_NAME) || attributes.keyEquals(buf, SERVICE_NAMESPACE)
                    || attributes.keyEquals(buf, SERVICE_INSTANCE_ID)) {
                continue;
            }
            boolean promote = false;
            for (byte[] key : promoted) {
                promote |= attributes.keyEquals(buf, key);
            }
            // An attribute that cannot be a label value (bad UTF-8) is left out of the resource labels.
            attributes.addLabel(promote ? resourceLabels : targetInfo, buf);
        }
        return identified;
    }

    private void scopeMetrics(int start, int end) {
        scopeLabels.reset();
        SeriesEmitter.copyLabels(resourceLabels, scopeLabels);
        scope.open(buf, start, end);
        while (scope.next()) {
            if (scope.wireType() != ProtoCursor.LEN) {
                scope.skip();
                continue;
            }
            scope.readRange();
            if (scope.field() == 1 && options.scopeLabels()) {
                scopeLabel(scope.start(), scope.end());
            }
        }
        metrics.baseLabels(scopeLabels);
        scope.open(buf, start, end);
        while (scope.next()) {
            if (scope.field() == 2 && scope.wireType() == ProtoCursor.LEN) {
                scope.readRange();
                metrics.decode(buf, scope.start(), scope.end());
            } else {
                scope.skip();
            }
        }
    }

    /** otel_scope_name and otel_scope_version from an InstrumentationScope (fields 1 and 2). */
    private void scopeLabel(int start, int end) {
        fields.open(buf, start, end);
        while (fields.next()) {
            int f = fields.field();
            if ((f == 1 || f == 2) && fields.wireType() == ProtoCursor.LEN) {
                fields.readRange();
                if (fields.end() > fields.start() && Utf8.isValid(buf, fields.start(), fields.end())) {
                    int k = scopeLabels.position();
                    scopeLabels.appendUtf8(f == 1 ? "otel_scope_name" : "otel_scope_version");
                    int v = scopeLabels.position();
                    scopeLabels.append(buf, fields.start(), fields.end() - fields.start());
                    scopeLabels.labelFrom(k, v);
                }
            } else {
                fields.skip();
            }
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}

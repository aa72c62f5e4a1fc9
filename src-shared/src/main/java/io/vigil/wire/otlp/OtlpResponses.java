package io.vigil.wire.otlp;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The bodies OTLP/HTTP answers with, in the encoding of the request: {@code ExportMetricsServiceResponse}
 * (field 1 {@code partial_success}: 1 {@code rejected_data_points} int64, 2 {@code error_message}) on
 * success, {@code google.rpc.Status} (1 {@code code} int32, 2 {@code message}) on failure.
 */
public final class OtlpResponses {
    /** gRPC status codes used in Status bodies. */
    public static final int INVALID_ARGUMENT = 3;
    public static final int RESOURCE_EXHAUSTED = 8;
    public static final int UNAVAILABLE = 14;
    public static final int UNIMPLEMENTED = 12;

    private static final JsonFactory JSON = new JsonFactory();

    private OtlpResponses() {
    }

    /** Empty when nothing was refused (the spec asks for no partial_success then). */
    public static byte[] exportProtobuf(long rejectedDataPoints, String errorMessage) {
        if (rejectedDataPoints == 0 && (errorMessage == null || errorMessage.isEmpty())) {
            return new byte[0];
        }
        ByteArrayOutputStream partial = new ByteArrayOutputStream();
        if (rejectedDataPoints != 0) {
            varint(partial, 1 << 3);
            varint(partial, rejectedDataPoints);
        }
        string(partial, 2, errorMessage);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        varint(out, 1 << 3 | 2);
        varint(out, partial.size());
        out.writeBytes(partial.toByteArray());
        return out.toByteArray();
    }

    public static byte[] exportJson(long rejectedDataPoints, String errorMessage) {
        return json(g -> {
            if (rejectedDataPoints != 0 || errorMessage != null && !errorMessage.isEmpty()) {
                g.writeObjectFieldStart("partialSuccess");
                // int64 is a string in the protobuf JSON mapping.
                g.writeStringField("rejectedDataPoints", Long.toString(rejectedDataPoints));
                if (errorMessage != null) {
                    g.writeStringField("errorMessage", errorMessage);
                }
                g.writeEndObject();
            }
        });
    }

    public static byte[] statusProtobuf(int code, String message) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        varint(out, 1 << 3);
        varint(out, code);
        string(out, 2, message);
        return out.toByteArray();
    }

    public static byte[] statusJson(int code, String message) {
        return json(g -> {
            g.writeNumberField("code", code);
            g.writeStringField("message", message);
        });
    }

    private interface Fields {
        void write(JsonGenerator g) throws IOException;
    }

    private static byte[] json(Fields fields) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            fields.write(g);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void string(ByteArrayOutputStream out, int field, String s) {
        if (s == null || s.isEmpty()) {
            return;
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        varint(out, field << 3 | 2);
        varint(out, b.length);
        out.write(b, 0, b.length);
    }

    private static void varint(ByteArrayOutputStream out, long v) {
        while ((v & ~0x7FL) != 0) {
            out.write((int) (v & 0x7F | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }
}

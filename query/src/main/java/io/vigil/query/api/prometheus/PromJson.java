package io.vigil.query.api.prometheus;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.vigil.query.promql.LabelSet;
import io.vigil.query.promql.QueryException;
import io.vigil.query.promql.QueryValue;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The Prometheus API envelope, written as a stream so a large matrix never becomes a JSON tree:
 * {@code {"status":"success","data":...,"warnings":[...]}} and {@code
 * {"status":"error","errorType":"bad_data","error":"..."}}. Warnings appear only when there are some.
 */
public final class PromJson {
    private static final JsonFactory FACTORY = new JsonFactory();

    /** Writes the value of {@code data}. */
    @FunctionalInterface
    public interface Data {
        void write(JsonGenerator g) throws IOException;
    }

    private PromJson() {
    }

    public static Response success(List<String> warnings, Data data) {
        StreamingOutput body = out -> {
            try (JsonGenerator g = FACTORY.createGenerator(out)) {
                g.writeStartObject();
                g.writeStringField("status", "success");
                g.writeFieldName("data");
                data.write(g);
                if (!warnings.isEmpty()) {
                    g.writeArrayFieldStart("warnings");
                    for (String w : warnings) {
                        g.writeString(w);
                    }
                    g.writeEndArray();
                }
                g.writeEndObject();
            }
        };
        return Response.ok(body, MediaType.APPLICATION_JSON_TYPE).build();
    }

    public static Response error(QueryException e) {
        return Response.status(e.kind().httpStatus()).type(MediaType.APPLICATION_JSON_TYPE).entity(errorBody(e)).build();
    }

    /** The error envelope as bytes, for routes outside JAX-RS. */
    public static byte[] errorBody(QueryException e) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("status", "error");
            g.writeStringField("errorType", e.kind().errorType());
            g.writeStringField("error", e.getMessage());
            g.writeEndObject();
        } catch (IOException io) {
            throw new UncheckedIOException(io);
        }
        return out.toByteArray();
    }

    /** {@code {"resultType":"matrix","result":[...]}} and its siblings for vector, scalar and string. */
    public static void writeQueryData(JsonGenerator g, QueryValue value) throws IOException {
        g.writeStartObject();
        switch (value) {
            case QueryValue.Scalar s -> {
                g.writeStringField("resultType", "scalar");
                g.writeFieldName("result");
                writePoint(g, s.timeMillis(), s.value());
            }
            case QueryValue.Text t -> {
                g.writeStringField("resultType", "string");
                g.writeArrayFieldStart("result");
                g.writeNumber(PromNumbers.formatTimestamp(t.timeMillis()));
                g.writeString(t.value());
                g.writeEndArray();
            }
            case QueryValue.Vector v -> {
                g.writeStringField("resultType", "vector");
                g.writeArrayFieldStart("result");
                for (QueryValue.Sample s : v.samples()) {
                    g.writeStartObject();
                    g.writeFieldName("metric");
                    writeLabels(g, s.labels());
                    g.writeFieldName("value");
                    writePoint(g, s.timeMillis(), s.value());
                    g.writeEndObject();
                }
                g.writeEndArray();
            }
            case QueryValue.Matrix m -> {
                g.writeStringField("resultType", "matrix");
                g.writeArrayFieldStart("result");
                for (QueryValue.Series s : m.series()) {
                    writeSeries(g, s);
                }
                g.writeEndArray();
            }
        }
        g.writeEndObject();
    }

    /** {@code {"metric":{...},"values":[[t,"v"],...]}}. */
    public static void writeSeries(JsonGenerator g, QueryValue.Series s) throws IOException {
        g.writeStartObject();
        g.writeFieldName("metric");
        writeLabels(g, s.labels());
        g.writeArrayFieldStart("values");
        for (int i = 0; i < s.size(); i++) {
            writePoint(g, s.times()[i], s.values()[i]);
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    public static void writeLabels(JsonGenerator g, LabelSet labels) throws IOException {
        g.writeStartObject();
        for (int i = 0; i < labels.size(); i++) {
            g.writeStringField(labels.name(i), labels.value(i));
        }
        g.writeEndObject();
    }

    public static void writeStrings(JsonGenerator g, List<String> values) throws IOException {
        g.writeStartArray();
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }

    private static void writePoint(JsonGenerator g, long timeMillis, double value) throws IOException {
        g.writeStartArray();
        g.writeNumber(PromNumbers.formatTimestamp(timeMillis));
        g.writeString(PromNumbers.formatValue(value));
        g.writeEndArray();
    }
}

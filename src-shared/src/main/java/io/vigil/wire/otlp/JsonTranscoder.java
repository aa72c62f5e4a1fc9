package io.vigil.wire.otlp;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import io.vigil.wire.WireFormatException;
import java.io.IOException;
import java.util.Arrays;
import java.util.Base64;

/**
 * Rewrites an OTLP/JSON request as protobuf bytes (in a reused buffer), so that one decoder maps both
 * encodings. OTLP/JSON is the protobuf JSON mapping with lowerCamelCase keys, 64-bit integers as
 * strings (numbers accepted too), enums as integers (names accepted too), and bytes in base64.
 *
 * <p>Nested messages get a 5-byte length prefix written as a padded varint and filled in when the
 * message ends: valid protobuf that the decoder reads like any other, without a second pass. Unknown
 * keys and {@code null} values are skipped; a value of the wrong JSON type is a malformed request.
 */
final class JsonTranscoder {
    /** Deepest message nesting accepted (AnyValue arrays and lists nest); the schema itself is 8 deep. */
    static final int MAX_DEPTH = 32;

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(2 * MAX_DEPTH + 8)
                    .maxNumberLength(64).maxStringLength(1 << 20).build())
            .build();

    private byte[] out = new byte[4096];
    private int length;
    private int limit;
    private JsonParser parser;

    byte[] bytes() {
        return out;
    }

    int length() {
        return length;
    }

    void transcode(byte[] body, int bodyLength) {
        length = 0;
        // Protobuf is smaller than its JSON except for pathological input such as "[{},{},…]".
        limit = Math.max(1 << 16, 4 * bodyLength);
        try (JsonParser p = FACTORY.createParser(body, 0, bodyLength)) {
            parser = p;
            JsonToken first = p.nextToken();
            if (first != JsonToken.START_OBJECT) {
                throw error(first == null ? "the body is empty" : "the body is not a JSON object");
            }
            message(JsonSchema.REQUEST, 0);
            if (p.nextToken() != null) {
                throw error("content after the request object");
            }
        } catch (JsonProcessingException e) {
            throw new WireFormatException("OTLP/JSON: " + e.getOriginalMessage() + location(), e);
        } catch (IOException e) {
            throw new WireFormatException("OTLP/JSON: " + e.getMessage(), e);
        } finally {
            parser = null;
        }
    }

    private void message(JsonSchema.Message m, int depth) throws IOException {
        if (depth > MAX_DEPTH) {
            throw error("nested deeper than " + MAX_DEPTH + " messages");
        }
        JsonToken t;
        while ((t = parser.nextToken()) == JsonToken.FIELD_NAME) {
            JsonSchema.Field f = m.find(parser.currentName());
            JsonToken value = parser.nextToken();
            if (f == null || value == JsonToken.VALUE_NULL) {
                parser.skipChildren();
            } else if (value == JsonToken.START_ARRAY) {
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    value(f, depth);
                }
            } else {
                value(f, depth);
            }
        }
        if (t != JsonToken.END_OBJECT) {
            throw error("expected a key or the end of " + m.name);
        }
    }

    private void value(JsonSchema.Field f, int depth) throws IOException {
        JsonToken t = parser.currentToken();
        if (t == JsonToken.VALUE_NULL) {
            return;
        }
        switch (f.type()) {
            case MESSAGE -> {
                if (t != JsonToken.START_OBJECT) {
                    throw wrongType(f, "an object");
                }
                tag(f.number(), ProtoCursor.LEN);
                int mark = reserveLength();
                message(f.message(), depth + 1);
                fillLength(mark);
            }
            case STRING -> {
                if (t != JsonToken.VALUE_STRING) {
                    throw wrongType(f, "a string");
                }
                tag(f.number(), ProtoCursor.LEN);
                utf8(parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength());
            }
            case BYTES -> {
                if (t != JsonToken.VALUE_STRING) {
                    throw wrongType(f, "a base64 string");
                }
                byte[] decoded;
                try {
                    decoded = Base64.getDecoder().decode(parser.getText());
                } catch (IllegalArgumentException e) {
                    throw wrongType(f, "base64");
                }
                tag(f.number(), ProtoCursor.LEN);
                varint(decoded.length);
                write(decoded, decoded.length);
            }
            case DOUBLE -> {
                tag(f.number(), ProtoCursor.I64);
                fixed64(Double.doubleToRawLongBits(doubleValue(f)));
            }
            case FIXED64, SFIXED64 -> {
                tag(f.number(), ProtoCursor.I64);
                fixed64(integer(f, f.type() == JsonSchema.Type.FIXED64));
            }
            case INT64, UINT32 -> {
                tag(f.number(), ProtoCursor.VARINT);
                varint(integer(f, f.type() == JsonSchema.Type.UINT32));
            }
            case BOOL -> {
                if (t != JsonToken.VALUE_TRUE && t != JsonToken.VALUE_FALSE) {
                    throw wrongType(f, "true or false");
                }
                tag(f.number(), ProtoCursor.VARINT);
                varint(t == JsonToken.VALUE_TRUE ? 1 : 0);
            }
            case TEMPORALITY -> {
                tag(f.number(), ProtoCursor.VARINT);
                varint(temporality(f));
            }
        }
    }

    private double doubleValue(JsonSchema.Field f) throws IOException {
        JsonToken t = parser.currentToken();
        if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
            return parser.getDoubleValue();
        }
        if (t == JsonToken.VALUE_STRING) {
            // The protobuf JSON mapping writes special values (and may write any double) as strings.
            try {
                return switch (parser.getText()) {
                    case "NaN" -> Double.NaN;
                    case "Infinity" -> Double.POSITIVE_INFINITY;
                    case "-Infinity" -> Double.NEGATIVE_INFINITY;
                    default -> Double.parseDouble(parser.getText());
                };
            } catch (NumberFormatException e) {
                throw wrongType(f, "a number");
            }
        }
        throw wrongType(f, "a number");
    }

    /** An integer given as a JSON number or a string of digits (how OTLP/JSON writes 64-bit ones). */
    private long integer(JsonSchema.Field f, boolean unsigned) throws IOException {
        JsonToken t = parser.currentToken();
        if (t == JsonToken.VALUE_NUMBER_INT) {
            if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                return digits(f, unsigned, parser.getText().toCharArray(), 0, parser.getText().length());
            }
            long v = parser.getLongValue();
            if (unsigned && v < 0) {
                throw wrongType(f, "a non-negative integer");
            }
            return v;
        }
        if (t == JsonToken.VALUE_STRING) {
            return digits(f, unsigned, parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength());
        }
        throw wrongType(f, "an integer (a number or a string of digits)");
    }

    private long digits(JsonSchema.Field f, boolean unsigned, char[] c, int offset, int n) {
        boolean negative = n > 0 && c[offset] == '-' && !unsigned;
        int i = negative ? 1 : 0;
        if (i == n) {
            throw wrongType(f, "an integer");
        }
        long v = 0;
        for (; i < n; i++) {
            int d = c[offset + i] - '0';
            if (d < 0 || d > 9) {
                throw wrongType(f, "an integer");
            }
            // Unsigned: anything up to 2^64-1 (stored in the same 64 bits); signed: up to 2^63 in magnitude.
            if (Long.compareUnsigned(v, Long.divideUnsigned(-1L, 10)) > 0) {
                throw wrongType(f, "an integer of at most 64 bits");
            }
            long next = v * 10 + d;
            if (Long.compareUnsigned(next, v * 10) < 0) {
                throw wrongType(f, "an integer of at most 64 bits");
            }
            v = next;
        }
        if (!unsigned && Long.compareUnsigned(v, negative ? Long.MIN_VALUE : Long.MAX_VALUE) > 0) {
            throw wrongType(f, "a 64-bit signed integer");
        }
        return negative ? -v : v;
    }

    private long temporality(JsonSchema.Field f) throws IOException {
        if (parser.currentToken() == JsonToken.VALUE_STRING) {
            return switch (parser.getText()) {
                case "AGGREGATION_TEMPORALITY_UNSPECIFIED" -> 0;
                case "AGGREGATION_TEMPORALITY_DELTA" -> MetricDecoder.DELTA;
                case "AGGREGATION_TEMPORALITY_CUMULATIVE" -> MetricDecoder.CUMULATIVE;
                default -> throw wrongType(f, "1 (delta) or 2 (cumulative)");
            };
        }
        long v = integer(f, false);
        if (v < 0 || v > Integer.MAX_VALUE) {
            throw wrongType(f, "1 (delta) or 2 (cumulative)");
        }
        return v;
    }

    private void tag(int number, int wireType) {
        varint((long) number << 3 | wireType);
    }

    private int reserveLength() {
        ensure(5);
        int mark = length;
        length += 5;
        return mark;
    }

    /** Writes the length of what followed the mark as a 5-byte varint (padded with continuation bits). */
    private void fillLength(int mark) {
        int n = length - mark - 5;
        for (int i = 0; i < 4; i++) {
            out[mark + i] = (byte) (n & 0x7F | 0x80);
            n >>>= 7;
        }
        out[mark + 4] = (byte) n;
    }

    private void utf8(char[] c, int offset, int n) {
        int size = 0;
        for (int i = offset; i < offset + n; i++) {
            char ch = c[i];
            if (ch < 0x80) {
                size++;
            } else if (ch < 0x800) {
                size += 2;
            } else if (Character.isHighSurrogate(ch) && i + 1 < offset + n && Character.isLowSurrogate(c[i + 1])) {
                size += 4;
                i++;
            } else {
                size += Character.isSurrogate(ch) ? 1 : 3;
            }
        }
        varint(size);
        ensure(size);
        for (int i = offset; i < offset + n; i++) {
            char ch = c[i];
            if (ch < 0x80) {
                out[length++] = (byte) ch;
            } else if (ch < 0x800) {
                out[length++] = (byte) (0xC0 | ch >> 6);
                out[length++] = (byte) (0x80 | ch & 0x3F);
            } else if (Character.isHighSurrogate(ch) && i + 1 < offset + n && Character.isLowSurrogate(c[i + 1])) {
                int cp = Character.toCodePoint(ch, c[++i]);
                out[length++] = (byte) (0xF0 | cp >> 18);
                out[length++] = (byte) (0x80 | cp >> 12 & 0x3F);
                out[length++] = (byte) (0x80 | cp >> 6 & 0x3F);
                out[length++] = (byte) (0x80 | cp & 0x3F);
            } else if (Character.isSurrogate(ch)) {
                out[length++] = '?';
            } else {
                out[length++] = (byte) (0xE0 | ch >> 12);
                out[length++] = (byte) (0x80 | ch >> 6 & 0x3F);
                out[length++] = (byte) (0x80 | ch & 0x3F);
            }
        }
    }

    private void varint(long v) {
        ensure(10);
        while ((v & ~0x7FL) != 0) {
            out[length++] = (byte) (v & 0x7F | 0x80);
            v >>>= 7;
        }
        out[length++] = (byte) v;
    }

    private void fixed64(long v) {
        ensure(8);
        for (int i = 0; i < 8; i++) {
            out[length++] = (byte) (v >>> 8 * i);
        }
    }

    private void write(byte[] b, int n) {
        ensure(n);
        System.arraycopy(b, 0, out, length, n);
        length += n;
    }

    private void ensure(int n) {
        if (length + n > out.length) {
            if (length + n > limit) {
                throw error("the request is larger than " + limit + " bytes once decoded");
            }
            out = Arrays.copyOf(out, Math.min(limit, Math.max(out.length * 2, length + n)));
        }
    }

    private WireFormatException wrongType(JsonSchema.Field f, String expected) {
        return error("\"" + f.json() + "\" must be " + expected);
    }

    private WireFormatException error(String what) {
        return new WireFormatException("OTLP/JSON: " + what + location());
    }

    private String location() {
        if (parser == null) {
            return "";
        }
        var l = parser.currentLocation();
        return " (line " + l.getLineNr() + ", column " + l.getColumnNr() + ")";
    }
}

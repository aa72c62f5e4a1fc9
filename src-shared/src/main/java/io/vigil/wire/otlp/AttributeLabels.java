package io.vigil.wire.otlp;

import io.vigil.wire.LabelBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * Writes OTLP attributes ({@code KeyValue} with an {@code AnyValue}) as labels.
 *
 * <p>Label names: every character other than an ASCII letter, digit or {@code _} becomes {@code _}
 * ({@code http.route} → {@code http_route}); a name that would start with a digit gets {@code key_}
 * in front, one starting with {@code _} gets {@code key} ({@code _x} → {@code key_x}), so no name
 * collides with the reserved {@code __} prefix. Values: strings as they are (valid UTF-8 required),
 * integers in decimal, booleans {@code true}/{@code false}, doubles as Java prints them (integral
 * ones without {@code .0}), bytes in base64, arrays and key-value lists as JSON. An empty value
 * means "no label" and is left out, as in Prometheus.
 */
final class AttributeLabels {
    private static final int MAX_JSON_DEPTH = 8;
    private static final byte[] TRUE = "true".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] FALSE = "false".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NULL = "null".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    static final String BAD_UTF8 = "an attribute is not valid UTF-8";
    static final String TOO_DEEP = "an attribute value is nested deeper than " + MAX_JSON_DEPTH + " levels";

    private final ProtoCursor kv = new ProtoCursor();
    private final ProtoCursor[] nested = new ProtoCursor[MAX_JSON_DEPTH + 2];
    private final byte[] digits = new byte[20];
    private int keyStart;
    private int keyEnd;
    private int valueStart;
    private int valueEnd;
    private String problem;

    AttributeLabels() {
        for (int i = 0; i < nested.length; i++) {
            nested[i] = new ProtoCursor();
        }
    }

    /** Splits the KeyValue at [start, end); then {@link #keyEquals} and {@link #addLabel} refer to it. */
    void split(byte[] buf, int start, int end) {
        keyStart = keyEnd = valueStart = valueEnd = start;
        kv.open(buf, start, end);
        while (kv.next()) {
            if (kv.field() == 1 && kv.wireType() == ProtoCursor.LEN) {
                kv.readRange();
                keyStart = kv.start();
                keyEnd = kv.end();
            } else if (kv.field() == 2 && kv.wireType() == ProtoCursor.LEN) {
                kv.readRange();
                valueStart = kv.start();
                valueEnd = kv.end();
            } else {
                kv.skip();
            }
        }
    }

    boolean keyEquals(byte[] buf, byte[] key) {
        return Arrays.equals(buf, keyStart, keyEnd, key, 0, key.length);
    }

    /**
     * Adds the split attribute as a label. Returns null, or why the data point must be refused
     * (a constant, so refusing allocates nothing).
     */
    String addLabel(LabelBuffer out, byte[] buf) {
        if (keyEnd == keyStart) {
            return null;
        }
        int k = out.position();
        byte first = buf[keyStart];
        if (first >= '0' && first <= '9') {
            out.append((byte) 'k');
            out.append((byte) 'e');
            out.append((byte) 'y');
            out.append((byte) '_');
        } else if (!MetricNamer.isAlnum(first)) {
            out.append((byte) 'k');
            out.append((byte) 'e');
            out.append((byte) 'y');
        }
        for (int i = keyStart; i < keyEnd; i++) {
            byte b = buf[i];
            if (MetricNamer.isAlnum(b) || b == '_') {
                out.append(b);
            } else if ((b & 0xC0) != 0x80) {
                out.append((byte) '_'); // one '_' per character, not per UTF-8 byte
            }
        }
        int v = out.position();
        String refused = appendValue(out, buf);
        if (refused != null) {
            return refused;
        }
        if (out.position() > v) {
            out.labelFrom(k, v);
        }
        return null;
    }

    /** Appends the split attribute's value as text; returns null or why it cannot be a label value. */
    String appendValue(LabelBuffer out, byte[] buf) {
        problem = null;
        ProtoCursor any = nested[0].open(buf, valueStart, valueEnd);
        while (any.next()) {
            if (any.wireType() != ProtoCursor.LEN || any.field() != 1 && any.field() != 5 && any.field() != 6) {
                scalar(out, any, false);
                continue;
            }
            switch (any.field()) {
                case 1 -> {
                    any.readRange();
                    if (!Utf8.isValid(buf, any.start(), any.end())) {
                        return BAD_UTF8;
                    }
                    out.append(buf, any.start(), any.end() - any.start());
                }
                default -> {
                    any.readRange();
                    json(out, buf, any.field(), any.start(), any.end(), 1);
                }
            }
        }
        return problem;
    }

    /** Bool, int, double or bytes (or skips an unknown field or one of an unexpected wire type). */
    private void scalar(LabelBuffer out, ProtoCursor any, boolean json) {
        int type = any.wireType();
        switch (any.field()) {
            case 2 -> {
                if (type != ProtoCursor.VARINT) {
                    any.skip();
                    return;
                }
                byte[] text = any.readVarint() != 0 ? TRUE : FALSE;
                out.append(text, 0, text.length);
            }
            case 3 -> {
                if (type != ProtoCursor.VARINT) {
                    any.skip();
                    return;
                }
                appendLong(out, any.readVarint());
            }
            case 4 -> {
                if (type != ProtoCursor.I64) {
                    any.skip();
                    return;
                }
                appendDouble(out, any.readDouble(), json);
            }
            case 7 -> {
                if (type != ProtoCursor.LEN) {
                    any.skip();
                    return;
                }
                any.readRange();
                // Rare (bytes attributes): allocating here is accepted.
                byte[] encoded = Base64.getEncoder().encode(Arrays.copyOfRange(any.buffer(), any.start(), any.end()));
                if (json) {
                    out.append((byte) '"');
                }
                out.append(encoded, 0, encoded.length);
                if (json) {
                    out.append((byte) '"');
                }
            }
            default -> any.skip();
        }
    }

    /** Writes an ArrayValue (field 5) or KeyValueList (field 6) as JSON. */
    private void json(LabelBuffer out, byte[] buf, int kind, int start, int end, int depth) {
        if (depth > MAX_JSON_DEPTH) {
            problem = TOO_DEEP;
            return;
        }
        ProtoCursor list = nested[depth].open(buf, start, end);
        out.append((byte) (kind == 5 ? '[' : '{'));
        boolean firstItem = true;
        while (list.next()) {
            if (list.field() != 1 || list.wireType() != ProtoCursor.LEN) {
                list.skip();
                continue;
            }
            list.readRange();
            if (!firstItem) {
                out.append((byte) ',');
            }
            firstItem = false;
            if (kind == 5) {
                jsonAnyValue(out, buf, list.start(), list.end(), depth + 1);
            } else {
                jsonKeyValue(out, buf, list.start(), list.end(), depth + 1);
            }
        }
        out.append((byte) (kind == 5 ? ']' : '}'));
    }

    private void jsonKeyValue(LabelBuffer out, byte[] buf, int start, int end, int depth) {
        int vs = end;
        int ve = end;
        ProtoCursor entry = nested[depth].open(buf, start, end);
        out.append((byte) '"');
        while (entry.next()) {
            if (entry.field() == 1 && entry.wireType() == ProtoCursor.LEN) {
                entry.readRange();
                jsonString(out, buf, entry.start(), entry.end());
            } else if (entry.field() == 2 && entry.wireType() == ProtoCursor.LEN) {
                entry.readRange();
                vs = entry.start();
                ve = entry.end();
            } else {
                entry.skip();
            }
        }
        out.append((byte) '"');
        out.append((byte) ':');
        jsonAnyValue(out, buf, vs, ve, depth);
    }

    private void jsonAnyValue(LabelBuffer out, byte[] buf, int start, int end, int depth) {
        if (depth > MAX_JSON_DEPTH) {
            problem = TOO_DEEP;
            return;
        }
        ProtoCursor any = nested[depth].open(buf, start, end);
        int before = out.position();
        while (any.next()) {
            if (any.field() == 1 && any.wireType() == ProtoCursor.LEN) {
                any.readRange();
                out.append((byte) '"');
                jsonString(out, buf, any.start(), any.end());
                out.append((byte) '"');
            } else if ((any.field() == 5 || any.field() == 6) && any.wireType() == ProtoCursor.LEN) {
                any.readRange();
                json(out, buf, any.field(), any.start(), any.end(), depth + 1);
            } else {
                scalar(out, any, true);
            }
        }
        if (out.position() == before) {
            out.append(NULL, 0, NULL.length);
        }
    }

    private void jsonString(LabelBuffer out, byte[] buf, int start, int end) {
        if (!Utf8.isValid(buf, start, end)) {
            problem = BAD_UTF8;
            return;
        }
        for (int i = start; i < end; i++) {
            byte b = buf[i];
            if (b == '"' || b == '\\') {
                out.append((byte) '\\');
                out.append(b);
            } else if (b >= 0 && b < 0x20) {
                out.append((byte) '\\');
                out.append((byte) 'u');
                out.append((byte) '0');
                out.append((byte) '0');
                out.append(HEX[b >> 4]);
                out.append(HEX[b & 0xF]);
            } else {
                out.append(b);
            }
        }
    }

    void appendLong(LabelBuffer out, long v) {
        if (v == Long.MIN_VALUE) {
            out.appendUtf8("-9223372036854775808");
            return;
        }
        if (v < 0) {
            out.append((byte) '-');
            v = -v;
        }
        int n = digits.length;
        do {
            digits[--n] = (byte) ('0' + v % 10);
            v /= 10;
        } while (v != 0);
        out.append(digits, n, digits.length - n);
    }

    private void appendDouble(LabelBuffer out, double v, boolean json) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            appendLong(out, (long) v);
        } else if (json && (Double.isNaN(v) || Double.isInfinite(v))) {
            out.append((byte) '"');
            out.appendUtf8(Double.toString(v));
            out.append((byte) '"');
        } else {
            out.appendUtf8(Double.toString(v));
        }
    }
}

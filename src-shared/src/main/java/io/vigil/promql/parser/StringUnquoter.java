package io.vigil.promql.parser;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Unescapes the body of a {@code "…"} or {@code '…'} string the way Go's {@code strconv.Unquote} does,
 * as Prometheus does: {@code \a \b \f \n \r \t \v \\}, the enclosing quote, {@code \xHH} and octal
 * {@code \ooo} (raw bytes), backslash-u with 4 and backslash-U with 8 hex digits (code points). Bytes written with
 * {@code \x} or octal escapes must together form valid UTF-8, because label values are UTF-8 text.
 */
final class StringUnquoter {
    private final String query;

    StringUnquoter(String query) {
        this.query = query;
    }

    /** The value of the string whose body (between the quotes) spans {@code [from, to)}. */
    String unquote(int from, int to, char quote) {
        if (query.indexOf('\\', from) < 0 || query.indexOf('\\', from) >= to) {
            return query.substring(from, to);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(to - from);
        int i = from;
        while (i < to) {
            char c = query.charAt(i);
            if (c != '\\') {
                int end = i + 1;
                while (end < to && query.charAt(end) != '\\') {
                    end++;
                }
                bytes.writeBytes(query.substring(i, end).getBytes(StandardCharsets.UTF_8));
                i = end;
                continue;
            }
            i = escape(bytes, i, to, quote);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw new PromqlParseException(query, from - 1, "invalid UTF-8 in escape sequences of string");
        }
    }

    /** Decodes the escape starting at the backslash at {@code at}; returns the index after it. */
    private int escape(ByteArrayOutputStream bytes, int at, int to, char quote) {
        if (at + 1 >= to) {
            throw invalid(at);
        }
        char c = query.charAt(at + 1);
        switch (c) {
            case 'a' -> bytes.write(7);
            case 'b' -> bytes.write(8);
            case 'f' -> bytes.write(12);
            case 'n' -> bytes.write('\n');
            case 'r' -> bytes.write('\r');
            case 't' -> bytes.write('\t');
            case 'v' -> bytes.write(11);
            case '\\' -> bytes.write('\\');
            case '\'', '"' -> {
                if (c != quote) {
                    throw invalid(at);
                }
                bytes.write(c);
            }
            case 'x' -> {
                bytes.write(digits(at, at + 2, 2, 16, to));
                return at + 4;
            }
            case 'u', 'U' -> {
                int n = c == 'u' ? 4 : 8;
                int cp = digits(at, at + 2, n, 16, to);
                if (cp > Character.MAX_CODE_POINT || cp >= 0xD800 && cp <= 0xDFFF) {
                    throw invalid(at);
                }
                bytes.writeBytes(Character.toString(cp).getBytes(StandardCharsets.UTF_8));
                return at + 2 + n;
            }
            case '0', '1', '2', '3', '4', '5', '6', '7' -> {
                int v = digits(at, at + 1, 3, 8, to);
                if (v > 255) {
                    throw invalid(at);
                }
                bytes.write(v);
                return at + 4;
            }
            default -> throw invalid(at);
        }
        return at + 2;
    }

    private int digits(int escapeAt, int from, int count, int radix, int to) {
        if (from + count > to) {
            throw invalid(escapeAt);
        }
        long v = 0;
        for (int i = from; i < from + count; i++) {
            char ch = query.charAt(i);
            int d = ch < 128 ? Character.digit(ch, radix) : -1;
            if (d < 0) {
                throw invalid(escapeAt);
            }
            v = v * radix + d;
        }
        return v > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) v;
    }

    private PromqlParseException invalid(int at) {
        int end = Math.min(at + 2, query.length());
        return new PromqlParseException(query, at, "invalid escape sequence \"" + query.substring(at, end) + "\" in string");
    }
}

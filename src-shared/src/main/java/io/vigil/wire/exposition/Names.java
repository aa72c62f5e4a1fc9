package io.vigil.wire.exposition;

import java.nio.charset.StandardCharsets;

/** Unquoted names and small pieces of text for error messages, as the text formats define them. */
final class Names {
    private static final int EXCERPT = 40;

    private Names() {
    }

    /** End of an unquoted metric name {@code [a-zA-Z_:][a-zA-Z0-9_:]*} starting at {@code p}. */
    static int scanMetricName(byte[] b, int p, int end) {
        if (p < end && (isLetter(b[p]) || b[p] == '_' || b[p] == ':')) {
            p++;
            while (p < end && (isLetter(b[p]) || b[p] == '_' || b[p] == ':' || ExpositionNumbers.isDigit(b[p]))) {
                p++;
            }
        }
        return p;
    }

    /** End of an unquoted label name {@code [a-zA-Z_][a-zA-Z0-9_]*} starting at {@code p}. */
    static int scanLabelName(byte[] b, int p, int end) {
        if (p < end && (isLetter(b[p]) || b[p] == '_')) {
            p++;
            while (p < end && (isLetter(b[p]) || b[p] == '_' || ExpositionNumbers.isDigit(b[p]))) {
                p++;
            }
        }
        return p;
    }

    private static boolean isLetter(byte c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    /**
     * Null when bytes [from, to) are well-formed UTF-8, else the reason. Names and values must be, or
     * the series id hashed from the bytes would differ from the one of the label Strings stored later.
     */
    static String checkUtf8(byte[] b, int from, int to) {
        int p = from;
        while (p < to) {
            int c = b[p] & 0xFF;
            int extra;
            int min;
            if (c < 0x80) {
                p++;
                continue;
            } else if (c >= 0xC2 && c <= 0xDF) {
                extra = 1;
                min = 0x80;
            } else if (c >= 0xE0 && c <= 0xEF) {
                extra = 2;
                min = 0x800;
            } else if (c >= 0xF0 && c <= 0xF4) {
                extra = 3;
                min = 0x10000;
            } else {
                return "invalid UTF-8 in a quoted string";
            }
            if (p + extra >= to) {
                return "invalid UTF-8 in a quoted string (truncated character)";
            }
            int cp = c & (0x3F >> extra);
            for (int i = 1; i <= extra; i++) {
                int cc = b[p + i] & 0xFF;
                if ((cc & 0xC0) != 0x80) {
                    return "invalid UTF-8 in a quoted string";
                }
                cp = cp << 6 | cc & 0x3F;
            }
            if (cp < min || cp > 0x10FFFF || cp >= 0xD800 && cp <= 0xDFFF) {
                return "invalid UTF-8 in a quoted string (overlong, surrogate or out of range)";
            }
            p += extra + 1;
        }
        return null;
    }

    /** A character for a message: itself when printable ASCII, else its code. */
    static String printable(byte c) {
        return c >= 0x20 && c < 0x7F ? String.valueOf((char) c) : String.format("\\x%02x", c & 0xFF);
    }

    /** Up to 40 bytes of text for a message, with non-printable bytes shown as codes. */
    static String excerpt(byte[] b, int from, int to) {
        int n = Math.min(to - from, EXCERPT);
        StringBuilder s = new StringBuilder(n + 3);
        String text = new String(b, from, n, StandardCharsets.UTF_8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            s.append(c < 0x20 || c == 0x7F ? String.format("\\x%02x", (int) c) : String.valueOf(c));
        }
        return to - from > EXCERPT ? s.append("...").toString() : s.toString();
    }
}

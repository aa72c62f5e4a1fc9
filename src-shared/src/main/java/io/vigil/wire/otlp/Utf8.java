package io.vigil.wire.otlp;

/**
 * UTF-8 validation of label values taken from the body as bytes. Protobuf strings must be UTF-8, and
 * the series id is a hash of the bytes: an invalid sequence would be stored as U+FFFD and no longer
 * match its id, so it is refused here.
 */
final class Utf8 {
    private Utf8() {
    }

    static boolean isValid(byte[] b, int start, int end) {
        int i = start;
        while (i < end) {
            int c = b[i] & 0xFF;
            if (c < 0x80) {
                i++;
                continue;
            }
            int n;
            int min;
            if (c >= 0xC2 && c <= 0xDF) {
                n = 1;
                min = 0x80;
            } else if (c >= 0xE0 && c <= 0xEF) {
                n = 2;
                min = 0x800;
            } else if (c >= 0xF0 && c <= 0xF4) {
                n = 3;
                min = 0x10000;
            } else {
                return false;
            }
            if (end - i <= n) {
                return false;
            }
            int cp = c & (0x3F >> n);
            for (int j = 1; j <= n; j++) {
                int cc = b[i + j] & 0xFF;
                if ((cc & 0xC0) != 0x80) {
                    return false;
                }
                cp = cp << 6 | cc & 0x3F;
            }
            if (cp < min || cp > 0x10FFFF || cp >= 0xD800 && cp <= 0xDFFF) {
                return false;
            }
            i += n + 1;
        }
        return true;
    }
}

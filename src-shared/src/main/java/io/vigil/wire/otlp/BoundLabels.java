package io.vigil.wire.otlp;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

/**
 * The text of {@code le} and {@code quantile} label values, as Prometheus writes them: shortest
 * decimal without exponent ({@code 0.005}, {@code 1}, {@code 250}, {@code +Inf}). The same few bounds
 * repeat in every data point, so their text is cached by bit pattern and formatting allocates only
 * for a bound not seen lately.
 */
final class BoundLabels {
    private static final int SLOTS = 512;
    static final byte[] PLUS_INF = "+Inf".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] MINUS_INF = "-Inf".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NAN = "NaN".getBytes(StandardCharsets.US_ASCII);

    private final long[] keys = new long[SLOTS];
    private final byte[][] texts = new byte[SLOTS][];

    byte[] text(double v) {
        if (Double.isNaN(v)) {
            return NAN;
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? PLUS_INF : MINUS_INF;
        }
        long bits = Double.doubleToRawLongBits(v);
        int slot = (int) ((bits * 0x9E3779B97F4A7C15L) >>> 55) & SLOTS - 1;
        if (texts[slot] != null && keys[slot] == bits) {
            return texts[slot];
        }
        byte[] text = (v == 0 ? "0" : BigDecimal.valueOf(v).stripTrailingZeros().toPlainString())
                .getBytes(StandardCharsets.US_ASCII);
        keys[slot] = bits;
        texts[slot] = text;
        return text;
    }
}

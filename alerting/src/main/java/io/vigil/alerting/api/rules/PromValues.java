package io.vigil.alerting.api.rules;

import java.math.BigDecimal;

/**
 * Sample values as the Prometheus API writes them in alerts (Go's {@code strconv.FormatFloat(v, 'e', -1,
 * 64)}): the shortest digits that read back the same, in exponent form, e.g. {@code 1e+00},
 * {@code 2.5e-01}, {@code NaN}, {@code +Inf}.
 */
final class PromValues {
    private PromValues() {
    }

    static String format(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        if (v == 0) {
            return (1 / v < 0 ? "-" : "") + "0e+00";
        }
        BigDecimal d = new BigDecimal(Double.toString(Math.abs(v))).stripTrailingZeros();
        String digits = d.unscaledValue().toString();
        int exponent = digits.length() - 1 - d.scale();
        StringBuilder out = new StringBuilder(24);
        if (v < 0) {
            out.append('-');
        }
        out.append(digits.charAt(0));
        if (digits.length() > 1) {
            out.append('.').append(digits, 1, digits.length());
        }
        out.append('e').append(exponent < 0 ? '-' : '+');
        int abs = Math.abs(exponent);
        if (abs < 10) {
            out.append('0');
        }
        return out.append(abs).toString();
    }
}

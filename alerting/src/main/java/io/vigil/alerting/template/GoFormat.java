package io.vigil.alerting.template;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.regex.Pattern;

/**
 * Go's number and string formatting ({@code strconv.FormatFloat}, {@code strconv.Quote}) as templates
 * print them, so that {@code {{ $value }}} and {@code humanize} read exactly as in Prometheus:
 * {@code %v} of a float is the shortest round-tripping digits, in exponent form when the decimal
 * exponent is below -4 or 6 and more (Go's {@code %g}): 0.5, 123456, 1.234567e+06, 1e+21. The
 * alerts API writes values with it too ({@code formatFloat(v, 'e', -1)}, as Prometheus does).
 */
public final class GoFormat {
    private static final Pattern FLOAT = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern INT = Pattern.compile("[+-]?\\d+");

    private GoFormat() {
    }

    /** Decimal digits without trailing zeros (empty for zero) and the decimal point position. */
    private record Digits(String d, int dp) {
        int nd() {
            return d.length();
        }

        static Digits of(BigDecimal b) {
            if (b.signum() == 0) {
                return new Digits("", 0);
            }
            BigDecimal s = b.stripTrailingZeros();
            String u = s.unscaledValue().toString();
            return new Digits(u, u.length() - s.scale());
        }
    }

    /** {@code strconv.FormatFloat(v, verb, prec, 64)}; {@code prec < 0} = shortest. */
    public static String formatFloat(double v, char verb, int prec) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        String sign = v < 0 || (v == 0 && 1 / v < 0) ? "-" : "";
        char lower = Character.toLowerCase(verb);
        char e = Character.isUpperCase(verb) ? 'E' : 'e';
        BigDecimal abs = new BigDecimal(Math.abs(v));
        boolean shortest = prec < 0;
        Digits d;
        if (shortest) {
            d = Digits.of(new BigDecimal(Double.toString(Math.abs(v))));
            prec = switch (lower) {
                case 'e' -> Math.max(d.nd() - 1, 0);
                case 'f' -> Math.max(d.nd() - d.dp(), 0);
                default -> d.nd();
            };
        } else {
            if (lower == 'g' && prec == 0) {
                prec = 1;
            }
            d = switch (lower) {
                case 'e' -> Digits.of(abs.round(new MathContext(prec + 1, RoundingMode.HALF_EVEN)));
                case 'f' -> Digits.of(abs.setScale(prec, RoundingMode.HALF_EVEN));
                default -> Digits.of(abs.round(new MathContext(prec, RoundingMode.HALF_EVEN)));
            };
        }
        if (lower == 'e') {
            return sign + fmtE(d, prec, e);
        }
        if (lower == 'f') {
            return sign + fmtF(d, prec);
        }
        int eprec = prec;
        if (eprec > d.nd() && d.nd() >= d.dp()) {
            eprec = d.nd();
        }
        if (shortest) {
            eprec = 6;
        }
        int exp = d.dp() - 1;
        if (exp < -4 || exp >= eprec) {
            return sign + fmtE(d, Math.min(prec, d.nd()) - 1, e);
        }
        if (prec > d.dp()) {
            prec = d.nd();
        }
        return sign + fmtF(d, Math.max(prec - d.dp(), 0));
    }

    private static String fmtE(Digits d, int prec, char e) {
        StringBuilder sb = new StringBuilder();
        sb.append(d.nd() == 0 ? '0' : d.d().charAt(0));
        if (prec > 0) {
            sb.append('.');
            int i = 1;
            int m = Math.min(d.nd(), prec + 1);
            if (i < m) {
                sb.append(d.d(), i, m);
                i = m;
            }
            for (; i <= prec; i++) {
                sb.append('0');
            }
        }
        int exp = d.nd() == 0 ? 0 : d.dp() - 1;
        sb.append(e).append(exp < 0 ? '-' : '+');
        exp = Math.abs(exp);
        if (exp < 10) {
            sb.append('0');
        }
        return sb.append(exp).toString();
    }

    private static String fmtF(Digits d, int prec) {
        StringBuilder sb = new StringBuilder();
        if (d.dp() > 0) {
            int m = Math.min(d.nd(), d.dp());
            sb.append(d.d(), 0, m);
            for (; m < d.dp(); m++) {
                sb.append('0');
            }
        } else {
            sb.append('0');
        }
        if (prec > 0) {
            sb.append('.');
            for (int i = 1; i <= prec; i++) {
                int j = d.dp() + i - 1;
                sb.append(j >= 0 && j < d.nd() ? d.d().charAt(j) : '0');
            }
        }
        return sb.toString();
    }

    /** A Go number literal: Long for integers, Double for floats, null when not a number. */
    static Object parseNumber(String text) {
        String t = text.replace("_", "");
        try {
            if (INT.matcher(t).matches()) {
                return Long.parseLong(t.startsWith("+") ? t.substring(1) : t);
            }
            String unsigned = t.startsWith("-") || t.startsWith("+") ? t.substring(1) : t;
            if (unsigned.startsWith("0x") || unsigned.startsWith("0X")) {
                long v = Long.parseLong(unsigned.substring(2), 16);
                return t.startsWith("-") ? -v : v;
            }
            if (FLOAT.matcher(t).matches()) {
                return Double.parseDouble(t);
            }
        } catch (NumberFormatException e) {
            return null;
        }
        return null;
    }

    /** {@code strconv.Quote}. */
    static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        s.codePoints().forEach(cp -> appendEscaped(sb, cp, '"'));
        return sb.append('"').toString();
    }

    /** {@code strconv.QuoteRune}. */
    static String quoteRune(int cp) {
        StringBuilder sb = new StringBuilder("'");
        appendEscaped(sb, cp, '\'');
        return sb.append('\'').toString();
    }

    private static void appendEscaped(StringBuilder sb, int cp, char quote) {
        if (cp == quote || cp == '\\') {
            sb.append('\\').appendCodePoint(cp);
            return;
        }
        switch (cp) {
            case 7 -> sb.append("\\a");
            case '\b' -> sb.append("\\b");
            case '\f' -> sb.append("\\f");
            case '\n' -> sb.append("\\n");
            case '\r' -> sb.append("\\r");
            case '\t' -> sb.append("\\t");
            case 11 -> sb.append("\\v");
            default -> {
                if (cp >= 0x20 && cp != 0x7f && Character.isDefined(cp) && !Character.isISOControl(cp)
                        && Character.getType(cp) != Character.FORMAT && !Character.isSurrogate((char) cp)) {
                    sb.appendCodePoint(cp);
                } else if (cp < 0x80) {
                    sb.append(String.format("\\x%02x", cp));
                } else if (cp < 0x10000) {
                    sb.append(String.format("\\u%04x", cp));
                } else {
                    sb.append(String.format("\\U%08x", cp));
                }
            }
        }
    }
}

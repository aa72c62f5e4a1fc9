package io.vigil.alerting.template;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Go's {@code fmt.Sprintf}, {@code Sprint} and {@code Sprintln} for template values. */
final class Printf {
    private Printf() {
    }

    static String sprint(List<Object> args) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < args.size(); i++) {
            // Go adds a space between operands when neither is a string.
            if (i > 0 && !(args.get(i) instanceof String) && !(args.get(i - 1) instanceof String)) {
                sb.append(' ');
            }
            sb.append(Values.print(args.get(i)));
        }
        return sb.toString();
    }

    static String sprintln(List<Object> args) {
        List<String> parts = new ArrayList<>();
        for (Object a : args) {
            parts.add(Values.print(a));
        }
        return String.join(" ", parts) + "\n";
    }

    static String sprintf(String format, List<Object> args) {
        StringBuilder out = new StringBuilder();
        int arg = 0;
        int i = 0;
        while (i < format.length()) {
            char c = format.charAt(i++);
            if (c != '%') {
                out.append(c);
                continue;
            }
            boolean minus = false;
            boolean plus = false;
            boolean zero = false;
            boolean space = false;
            boolean sharp = false;
            for (; i < format.length(); i++) {
                char f = format.charAt(i);
                if (f == '-') {
                    minus = true;
                } else if (f == '+') {
                    plus = true;
                } else if (f == '0') {
                    zero = true;
                } else if (f == ' ') {
                    space = true;
                } else if (f == '#') {
                    sharp = true;
                } else {
                    break;
                }
            }
            int width = -1;
            int start = i;
            while (i < format.length() && Character.isDigit(format.charAt(i)) && i - start < 6) {
                i++;
            }
            if (i > start) {
                width = Integer.parseInt(format.substring(start, i));
            }
            int prec = -1;
            if (i < format.length() && format.charAt(i) == '.') {
                i++;
                start = i;
                while (i < format.length() && Character.isDigit(format.charAt(i)) && i - start < 6) {
                    i++;
                }
                prec = i > start ? Integer.parseInt(format.substring(start, i)) : 0;
            }
            if (i >= format.length()) {
                out.append("%!(NOVERB)");
                break;
            }
            char verb = format.charAt(i++);
            if (verb == '%') {
                out.append('%');
                continue;
            }
            if (arg >= args.size()) {
                out.append("%!").append(verb).append("(MISSING)");
                continue;
            }
            Object v = args.get(arg++);
            String body = one(verb, v, prec, plus, space, sharp);
            out.append(pad(body, width, minus, zero && !minus && (v instanceof Double || v instanceof Long)));
        }
        if (arg < args.size()) {
            out.append("%!(EXTRA ");
            for (int k = arg; k < args.size(); k++) {
                out.append(k > arg ? ", " : "").append(Values.typeName(args.get(k))).append('=')
                        .append(Values.print(args.get(k)));
            }
            out.append(')');
        }
        return out.toString();
    }

    private static String one(char verb, Object v, int prec, boolean plus, boolean space, boolean sharp) {
        switch (v) {
            case Double d when "vfFeEgG".indexOf(verb) >= 0 -> {
                // %e and %f default to 6 decimals; %g and %v to the shortest exact digits.
                int p = prec < 0 && "fFeE".indexOf(verb) >= 0 ? 6 : prec;
                String s = GoFormat.formatFloat(d, verb == 'v' ? 'g' : verb, p);
                return signed(s, plus, space);
            }
            case Long l when "vd".indexOf(verb) >= 0 -> {
                return signed(Long.toString(l), plus, space);
            }
            case Long l when verb == 'x' || verb == 'X' || verb == 'o' || verb == 'b' -> {
                int radix = verb == 'o' ? 8 : verb == 'b' ? 2 : 16;
                String digits = Long.toString(Math.abs(l), radix);
                digits = verb == 'X' ? digits.toUpperCase() : digits;
                String prefix = sharp ? (radix == 16 ? (verb == 'X' ? "0X" : "0x") : radix == 8 ? "0" : "") : "";
                return signed((l < 0 ? "-" : "") + prefix + digits, plus, space);
            }
            case Long l when verb == 'c' -> {
                return new String(Character.toChars((int) (long) l));
            }
            case Long l when verb == 'q' -> {
                return GoFormat.quoteRune((int) (long) l);
            }
            case String s when verb == 's' || verb == 'v' -> {
                return prec >= 0 && s.codePointCount(0, s.length()) > prec ? s.substring(0, s.offsetByCodePoints(0, prec)) : s;
            }
            case String s when verb == 'q' -> {
                return sharp && s.indexOf('`') < 0 ? "`" + s + "`" : GoFormat.quote(s);
            }
            case String s when verb == 'x' || verb == 'X' -> {
                StringBuilder sb = new StringBuilder();
                for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
                    sb.append(String.format(verb == 'x' ? "%02x" : "%02X", b & 0xff));
                }
                return sb.toString();
            }
            case Boolean b when verb == 't' || verb == 'v' -> {
                return b.toString();
            }
            default -> {
                if (verb == 'T') {
                    return Values.typeName(v);
                }
                if (verb == 'v' || (verb == 's' && !(v instanceof Double || v instanceof Long || v instanceof Boolean))) {
                    return Values.print(v);
                }
                if (v == null) {
                    return "%!" + verb + "(<nil>)";
                }
                return "%!" + verb + "(" + Values.typeName(v) + "=" + Values.print(v) + ")";
            }
        }
    }

    private static String signed(String s, boolean plus, boolean space) {
        if (s.startsWith("-") || s.startsWith("+")) {
            return s;
        }
        return plus ? "+" + s : space ? " " + s : s;
    }

    private static String pad(String s, int width, boolean left, boolean zeros) {
        int len = s.codePointCount(0, s.length());
        if (width <= len) {
            return s;
        }
        String fill = (zeros ? "0" : " ").repeat(width - len);
        if (left) {
            return s + fill;
        }
        if (zeros && (s.startsWith("-") || s.startsWith("+") || s.startsWith(" "))) {
            return s.charAt(0) + fill + s.substring(1);
        }
        return fill + s;
    }
}

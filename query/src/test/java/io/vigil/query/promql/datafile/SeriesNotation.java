package io.vigil.query.promql.datafile;

import io.vigil.query.promql.LabelSet;
import io.vigil.query.promql.SeriesData;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The series notation of data files: {@code metric{label="value", …}} followed by values in the
 * expanding notation ({@code 0+10x3} is 0 10 20 30, {@code 5-1x2} is 5 4 3, {@code 7x2} is 7 7 7,
 * {@code _} no sample, {@code _x3} three missing, {@code stale} a staleness marker).
 */
final class SeriesNotation {
    /** A missing value in an expanded list. */
    static final double MISSING = Double.longBitsToDouble(0x7ff0000000000badL);

    private SeriesNotation() {
    }

    static boolean isMissing(double v) {
        return Double.doubleToRawLongBits(v) == Double.doubleToRawLongBits(MISSING);
    }

    /** Parsed labels and the rest of the line after them. */
    record Head(LabelSet labels, String rest) {
    }

    static Head head(String line) {
        int i = 0;
        int n = line.length();
        Map<String, String> labels = new LinkedHashMap<>();
        while (i < n && isNameChar(line.charAt(i), i == 0)) {
            i++;
        }
        if (i > 0) {
            labels.put(LabelSet.NAME, line.substring(0, i));
        }
        if (i < n && line.charAt(i) == '{') {
            i++;
            while (true) {
                i = skipSpaces(line, i);
                if (i >= n) {
                    throw new IllegalArgumentException("unclosed '{' in " + line);
                }
                if (line.charAt(i) == '}') {
                    i++;
                    break;
                }
                int start = i;
                while (i < n && isNameChar(line.charAt(i), i == start)) {
                    i++;
                }
                String name = line.substring(start, i);
                i = skipSpaces(line, i);
                if (name.isEmpty() || i >= n || line.charAt(i) != '=') {
                    throw new IllegalArgumentException("expected label=\"value\" at column " + (i + 1) + " in " + line);
                }
                i = skipSpaces(line, i + 1);
                if (i >= n || line.charAt(i) != '"') {
                    throw new IllegalArgumentException("expected a quoted label value at column " + (i + 1) + " in " + line);
                }
                StringBuilder value = new StringBuilder();
                i++;
                while (i < n && line.charAt(i) != '"') {
                    char c = line.charAt(i);
                    if (c == '\\' && i + 1 < n) {
                        char e = line.charAt(++i);
                        value.append(e == 'n' ? '\n' : e);
                    } else {
                        value.append(c);
                    }
                    i++;
                }
                if (i >= n) {
                    throw new IllegalArgumentException("unterminated label value in " + line);
                }
                i = skipSpaces(line, i + 1);
                labels.put(name, value.toString());
                if (i < n && line.charAt(i) == ',') {
                    i++;
                }
            }
        }
        if (i == 0) {
            throw new IllegalArgumentException("expected a series (metric{labels}) in " + line);
        }
        return new Head(LabelSet.of(labels), line.substring(i).trim());
    }

    /** Expands a list of values; {@link #MISSING} marks a step or load slot without a sample. */
    static double[] values(String text) {
        List<Double> out = new ArrayList<>();
        for (String item : text.trim().split("\\s+")) {
            if (item.isEmpty()) {
                continue;
            }
            expand(item, out);
        }
        double[] v = new double[out.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = out.get(i);
        }
        return v;
    }

    private static void expand(String item, List<Double> out) {
        int x = item.lastIndexOf('x');
        if (x > 0 && x < item.length() - 1 && item.substring(x + 1).chars().allMatch(Character::isDigit)) {
            int count = Integer.parseInt(item.substring(x + 1));
            String base = item.substring(0, x);
            if (base.equals("_")) {
                for (int i = 0; i < count; i++) {
                    out.add(MISSING);
                }
                return;
            }
            int op = Math.max(base.lastIndexOf('+'), base.lastIndexOf('-'));
            // A sign right after an exponent marker or at the start belongs to the number itself.
            if (op > 0 && Character.toLowerCase(base.charAt(op - 1)) != 'e') {
                double start = number(base.substring(0, op));
                double inc = number(base.substring(op + 1)) * (base.charAt(op) == '-' ? -1 : 1);
                for (int i = 0; i <= count; i++) {
                    out.add(start + i * inc);
                }
            } else {
                double value = number(base);
                for (int i = 0; i <= count; i++) {
                    out.add(value);
                }
            }
            return;
        }
        switch (item) {
            case "_" -> out.add(MISSING);
            case "stale" -> out.add(Double.longBitsToDouble(SeriesData.STALE_NAN_BITS));
            default -> out.add(number(item));
        }
    }

    static double number(String s) {
        return switch (s) {
            case "Inf", "+Inf", "inf", "+inf" -> Double.POSITIVE_INFINITY;
            case "-Inf", "-inf" -> Double.NEGATIVE_INFINITY;
            case "NaN", "nan" -> Double.NaN;
            default -> {
                try {
                    yield Double.parseDouble(s);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("not a number: " + s);
                }
            }
        };
    }

    private static boolean isNameChar(char c, boolean first) {
        return Character.isLetter(c) || c == '_' || c == ':' || (!first && Character.isDigit(c));
    }

    private static int skipSpaces(String s, int i) {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }
}

package io.vigil.query.promql.engine;

import io.vigil.promql.ast.Expr;
import io.vigil.query.promql.LabelSet;
import io.vigil.query.promql.QueryException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** label_replace and label_join. Both keep the metric name; labels are computed once per series. */
final class LabelFunctions {
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    private LabelFunctions() {
    }

    /**
     * label_replace(v, dst, replacement, src, regex): when the fully anchored regex matches the value of
     * src (empty when absent), dst becomes the replacement with $1, ${1}, $name expanded; an empty
     * result removes dst. Series that do not match are returned unchanged.
     */
    static Value replace(Evaluator ev, List<Expr> args) {
        Value.Vector in = ev.evalVector(args.get(0));
        String dst = ev.evalString(args.get(1));
        String replacement = ev.evalString(args.get(2));
        String src = ev.evalString(args.get(3));
        String regex = ev.evalString(args.get(4));
        Pattern pattern;
        try {
            pattern = Pattern.compile("^(?s:" + regex + ")$");
        } catch (PatternSyntaxException e) {
            throw new QueryException(QueryException.Kind.BAD_DATA,
                    "invalid regular expression in label_replace(): " + regex);
        }
        if (!LABEL_NAME.matcher(dst).matches()) {
            throw new QueryException(QueryException.Kind.BAD_DATA,
                    "invalid destination label name in label_replace(): " + dst);
        }
        List<StepSeries> out = new ArrayList<>(in.series().size());
        for (StepSeries s : in.series()) {
            String value = s.labels.get(src);
            Matcher m = pattern.matcher(value == null ? "" : value);
            if (!m.matches()) {
                out.add(s);
                continue;
            }
            out.add(s.relabel(with(s.labels, dst, expand(replacement, m))));
        }
        return new Value.Vector(SeriesMerger.merge(out));
    }

    /** label_join(v, dst, separator, src...): dst becomes the src values joined (empty removes dst). */
    static Value join(Evaluator ev, List<Expr> args) {
        Value.Vector in = ev.evalVector(args.get(0));
        String dst = ev.evalString(args.get(1));
        String separator = ev.evalString(args.get(2));
        List<String> sources = new ArrayList<>();
        for (int i = 3; i < args.size(); i++) {
            sources.add(ev.evalString(args.get(i)));
        }
        if (!LABEL_NAME.matcher(dst).matches()) {
            throw new QueryException(QueryException.Kind.BAD_DATA,
                    "invalid destination label name in label_join(): " + dst);
        }
        List<StepSeries> out = new ArrayList<>(in.series().size());
        for (StepSeries s : in.series()) {
            StringBuilder joined = new StringBuilder();
            for (int i = 0; i < sources.size(); i++) {
                if (i > 0) {
                    joined.append(separator);
                }
                String v = s.labels.get(sources.get(i));
                joined.append(v == null ? "" : v);
            }
            out.add(s.relabel(with(s.labels, dst, joined.toString())));
        }
        return new Value.Vector(SeriesMerger.merge(out));
    }

    private static LabelSet with(LabelSet labels, String name, String value) {
        TreeMap<String, String> map = labels.toMap();
        map.put(name, value); // an empty value is dropped by LabelSet.of
        return LabelSet.of(map);
    }

    /**
     * Expands $1, ${1}, $name and ${name} the way Go's regexp does: a bare name takes as many word
     * characters as follow, an unknown group expands to nothing, and $$ is a literal dollar.
     */
    static String expand(String template, Matcher m) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            if (c != '$' || i + 1 >= template.length()) {
                out.append(c);
                i++;
                continue;
            }
            char next = template.charAt(i + 1);
            if (next == '$') {
                out.append('$');
                i += 2;
                continue;
            }
            String name;
            if (next == '{') {
                int close = template.indexOf('}', i + 2);
                if (close < 0) {
                    out.append(c);
                    i++;
                    continue;
                }
                name = template.substring(i + 2, close);
                i = close + 1;
            } else {
                int j = i + 1;
                while (j < template.length() && isWord(template.charAt(j))) {
                    j++;
                }
                if (j == i + 1) {
                    out.append(c);
                    i++;
                    continue;
                }
                name = template.substring(i + 1, j);
                i = j;
            }
            out.append(group(m, name));
        }
        return out.toString();
    }

    private static boolean isWord(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    private static String group(Matcher m, String name) {
        String g;
        try {
            if (!name.isEmpty() && name.chars().allMatch(Character::isDigit)) {
                int index = Integer.parseInt(name);
                g = index <= m.groupCount() ? m.group(index) : null;
            } else {
                g = m.group(name);
            }
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            g = null; // no such group: Go expands it to nothing
        }
        return g == null ? "" : g;
    }
}

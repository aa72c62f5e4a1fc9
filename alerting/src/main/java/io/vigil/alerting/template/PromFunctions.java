package io.vigil.alerting.template;

import io.vigil.alerting.template.Functions.Spec;
import io.vigil.alerting.template.Values.FunctionError;
import io.vigil.promql.parser.PromqlParseException;
import io.vigil.promql.parser.PromqlParser;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** The functions Prometheus adds for alert templates. */
final class PromFunctions {
    private PromFunctions() {
    }

    static void register(Map<String, Spec> m) {
        m.put("humanize", new Spec(1, 1, (d, a) -> Humanize.humanize(Values.toFloat(a.get(0)))));
        m.put("humanize1024", new Spec(1, 1, (d, a) -> Humanize.humanize1024(Values.toFloat(a.get(0)))));
        m.put("humanizeDuration", new Spec(1, 1, (d, a) -> Humanize.duration(Values.toFloat(a.get(0)))));
        m.put("humanizePercentage", new Spec(1, 1, (d, a) -> Humanize.percentage(Values.toFloat(a.get(0)))));
        m.put("humanizeTimestamp", new Spec(1, 1, (d, a) -> a.get(0) instanceof Values.GoTime t ? t.toString()
                : Humanize.timestamp(Values.toFloat(a.get(0)))));
        m.put("toTime", new Spec(1, 1, (d, a) -> {
            double v = Values.toFloat(a.get(0));
            if (Double.isNaN(v) || Double.isInfinite(v)) {
                throw new FunctionError("value is NaN or Inf");
            }
            if (Math.abs(v * 1e9) >= 9.2e18) {
                throw new FunctionError(Values.print(v) + " cannot be represented as a nanoseconds timestamp since it overflows int64");
            }
            return Humanize.toTime(v);
        }));
        m.put("title", new Spec(1, 1, (d, a) -> title(Values.toStr(a.get(0), "title"))));
        m.put("toUpper", new Spec(1, 1, (d, a) -> Values.toStr(a.get(0), "toUpper").toUpperCase(Locale.ROOT)));
        m.put("toLower", new Spec(1, 1, (d, a) -> Values.toStr(a.get(0), "toLower").toLowerCase(Locale.ROOT)));
        m.put("match", new Spec(2, 2, (d, a) -> {
            try {
                return regex(Values.toStr(a.get(0), "pattern")).matcher(new BoundedText(Values.toStr(a.get(1), "text"))).find();
            } catch (BoundedText.TooMuchWork e) {
                throw new FunctionError(e.getMessage());
            }
        }));
        m.put("reReplaceAll", new Spec(3, 3, (d, a) -> {
            try {
                return replaceAll(regex(Values.toStr(a.get(0), "pattern")), Values.toStr(a.get(1), "replacement"),
                        Values.toStr(a.get(2), "text"));
            } catch (BoundedText.TooMuchWork e) {
                throw new FunctionError(e.getMessage());
            }
        }));
        m.put("stripPort", new Spec(1, 1, (d, a) -> stripPort(Values.toStr(a.get(0), "stripPort"))));
        m.put("stripDomain", new Spec(1, 1, (d, a) -> stripDomain(Values.toStr(a.get(0), "stripDomain"))));
        m.put("parseDuration", new Spec(1, 1, (d, a) -> {
            try {
                return PromqlParser.parseDuration(Values.toStr(a.get(0), "parseDuration")) / 1000.0;
            } catch (PromqlParseException e) {
                throw new FunctionError(e.reason());
            }
        }));
        m.put("args", new Spec(0, -1, (d, a) -> {
            Values.ArgsMap out = new Values.ArgsMap();
            for (int i = 0; i < a.size(); i++) {
                out.put("arg" + i, a.get(i));
            }
            return out;
        }));
        m.put("safeHtml", new Spec(1, 1, (d, a) -> Values.toStr(a.get(0), "safeHtml")));
        m.put("externalURL", new Spec(0, 0, (d, a) -> d.externalUrl()));
        m.put("pathPrefix", new Spec(0, 0, (d, a) -> pathPrefix(d.externalUrl())));
        m.put("query", new Spec(1, 1, (d, a) -> query(d, Values.toStr(a.get(0), "query"))));
        m.put("first", new Spec(1, 1, (d, a) -> {
            List<?> v = samples(a.get(0), "first");
            if (v.isEmpty()) {
                throw new FunctionError("first() called on vector with no elements");
            }
            return v.get(0);
        }));
        m.put("label", new Spec(2, 2, (d, a) -> {
            String l = Values.toStr(a.get(0), "label");
            return sample(a.get(1), "label").labels().getOrDefault(l, "");
        }));
        m.put("value", new Spec(1, 1, (d, a) -> sample(a.get(0), "value").value()));
        m.put("strvalue", new Spec(1, 1, (d, a) -> sample(a.get(0), "strvalue").labels().getOrDefault("__value__", "")));
        m.put("sortByLabel", new Spec(2, 2, (d, a) -> {
            String l = Values.toStr(a.get(0), "sortByLabel");
            List<QueryFunction.Sample> sorted = new ArrayList<>();
            for (Object o : samples(a.get(1), "sortByLabel")) {
                sorted.add((QueryFunction.Sample) o);
            }
            sorted.sort(Comparator.comparing(s -> s.labels().getOrDefault(l, "")));
            return sorted;
        }));
    }

    private static Object query(TemplateData d, String expr) throws FunctionError {
        if (d.query() == null) {
            throw new FunctionError("query is not available here (templates expanded without a query tier)");
        }
        try {
            return new ArrayList<Object>(d.query().query(expr));
        } catch (Exception e) {
            throw new FunctionError(e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    private static List<?> samples(Object v, String fn) throws FunctionError {
        if (v instanceof List<?> l && l.stream().allMatch(QueryFunction.Sample.class::isInstance)) {
            return l;
        }
        throw new FunctionError("wrong type for value; expected query result; got " + Values.typeName(v) + " (" + fn + ")");
    }

    private static QueryFunction.Sample sample(Object v, String fn) throws FunctionError {
        if (v instanceof QueryFunction.Sample s) {
            return s;
        }
        throw new FunctionError("wrong type for value; expected sample; got " + Values.typeName(v) + " (" + fn + ")");
    }

    private static Pattern regex(String p) throws FunctionError {
        try {
            // Go (RE2) names groups (?P<name>…); Java spells it (?<name>…).
            return Pattern.compile(p.replace("(?P<", "(?<"));
        } catch (PatternSyntaxException e) {
            throw new FunctionError("error parsing regexp: " + e.getDescription() + ": `" + p + "`");
        }
    }

    /** Go's ReplaceAllString: {@code $1}, {@code ${1}}, {@code $name}; an unknown group expands to "". */
    static String replaceAll(Pattern p, String repl, String text) {
        Matcher m = p.matcher(new BoundedText(text));
        StringBuilder out = new StringBuilder();
        int last = 0;
        while (m.find()) {
            out.append(text, last, m.start());
            expand(out, repl, m);
            last = m.end();
        }
        return out.append(text.substring(last)).toString();
    }

    private static void expand(StringBuilder out, String repl, Matcher m) {
        int i = 0;
        while (i < repl.length()) {
            char c = repl.charAt(i);
            if (c != '$' || i + 1 >= repl.length()) {
                out.append(c);
                i++;
                continue;
            }
            if (repl.charAt(i + 1) == '$') {
                out.append('$');
                i += 2;
                continue;
            }
            String name;
            int end;
            if (repl.charAt(i + 1) == '{') {
                int close = repl.indexOf('}', i + 2);
                if (close < 0) {
                    out.append(c);
                    i++;
                    continue;
                }
                name = repl.substring(i + 2, close);
                end = close + 1;
            } else {
                end = i + 1;
                while (end < repl.length() && (Character.isLetterOrDigit(repl.charAt(end)) || repl.charAt(end) == '_')) {
                    end++;
                }
                name = repl.substring(i + 1, end);
            }
            if (name.isEmpty()) {
                out.append(c);
                i++;
                continue;
            }
            out.append(group(m, name));
            i = end;
        }
    }

    private static String group(Matcher m, String name) {
        try {
            String g = name.chars().allMatch(Character::isDigit) ? m.group(Integer.parseInt(name)) : m.group(name);
            return g == null ? "" : g;
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            return "";
        }
    }

    static String title(String s) {
        StringBuilder sb = new StringBuilder();
        boolean separated = true;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            sb.appendCodePoint(separated ? Character.toTitleCase(cp) : cp);
            separated = !(Character.isLetterOrDigit(cp) || cp == '_' || cp == '\'');
            i += Character.charCount(cp);
        }
        return sb.toString();
    }

    /** Host and port of {@code host:port} / {@code [v6]:port}, or null when it is not one (Go's SplitHostPort). */
    private static String[] splitHostPort(String hp) {
        if (hp.startsWith("[")) {
            int close = hp.indexOf(']');
            if (close < 0 || close + 1 >= hp.length() || hp.charAt(close + 1) != ':') {
                return null;
            }
            return new String[] {hp.substring(1, close), hp.substring(close + 2)};
        }
        int colon = hp.lastIndexOf(':');
        if (colon < 0 || hp.indexOf(':') != colon) {
            return null;
        }
        return new String[] {hp.substring(0, colon), hp.substring(colon + 1)};
    }

    static String stripPort(String hp) {
        String[] parts = splitHostPort(hp);
        return parts == null ? hp : parts[0];
    }

    static String stripDomain(String hp) {
        String[] parts = splitHostPort(hp);
        String host = parts == null ? hp : parts[0];
        if (isIp(host)) {
            return hp;
        }
        host = host.split("\\.", -1)[0];
        if (parts != null && !parts[1].isEmpty()) {
            return host.contains(":") ? "[" + host + "]:" + parts[1] : host + ":" + parts[1];
        }
        return host;
    }

    private static boolean isIp(String host) {
        if (host.contains(":")) {
            return host.matches("[0-9a-fA-F:.]+");
        }
        return host.matches("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    }

    private static String pathPrefix(String url) throws FunctionError {
        try {
            String path = URI.create(url).getRawPath();
            return path == null ? "" : path;
        } catch (IllegalArgumentException e) {
            throw new FunctionError("invalid external URL " + GoFormat.quote(url));
        }
    }
}

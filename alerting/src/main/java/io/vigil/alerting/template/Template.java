package io.vigil.alerting.template;

import java.util.Map;

/**
 * A Go text/template as Prometheus uses it for alert labels and annotations, with its functions
 * ({@code humanize}, {@code query}, …) and the variables {@code $labels}, {@code $value},
 * {@code $externalLabels} and {@code $externalURL}. Parse once when the rule file is loaded, execute per alert.
 *
 * <pre>
 * Template t = Template.parse("summary", "{{ $labels.instance }} is down ({{ $value | humanize }})");
 * String text = t.execute(new TemplateData(labels, 0.5, externalLabels, externalUrl, null));
 * </pre>
 *
 * Only {@link TemplateException} escapes, with Go-like messages; text, nesting, output and loops are bounded.
 */
public final class Template {
    /** Longest template text accepted. */
    public static final int MAX_TEXT = 64 * 1024;

    private final String name;
    private final String text;
    private final Parser.Parsed parsed;

    private Template(String name, String text, Parser.Parsed parsed) {
        this.name = name;
        this.text = text;
        this.parsed = parsed;
    }

    public static Template parse(String name, String text) throws TemplateException {
        if (text == null) {
            throw new TemplateException("template: " + name + ": no template text", 0, 0);
        }
        if (text.length() > MAX_TEXT) {
            throw new TemplateException("template: " + name + ": text of " + text.length()
                    + " characters is longer than the limit of " + MAX_TEXT, 0, 0);
        }
        try {
            return new Template(name, text, Parser.parse(name, text, Functions.ALL.keySet()));
        } catch (StackOverflowError | RuntimeException e) {
            throw new TemplateException("template: " + name + ": cannot parse: " + e, 0, 0);
        }
    }

    public String name() {
        return name;
    }

    public String text() {
        return text;
    }

    public String execute(TemplateData data) throws TemplateException {
        try {
            Map<String, Nodes.ListNode> defined = parsed.defined();
            return new Exec(name, text, defined, data).run(parsed.root());
        } catch (StackOverflowError | RuntimeException e) {
            throw new TemplateException("template: " + name + ": executing " + GoFormat.quote(name) + ": " + e, 0, 0);
        }
    }

    /** The expansion, or Prometheus's {@code <error expanding template: ...>} text when it fails. */
    public String expandOrError(TemplateData data) {
        try {
            return execute(data);
        } catch (TemplateException e) {
            return "<error expanding template: " + e.getMessage() + ">";
        }
    }
}

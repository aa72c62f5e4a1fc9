package io.vigil.notify.channel.email;

import io.quarkus.qute.Engine;
import io.quarkus.qute.HtmlEscaper;
import io.quarkus.qute.ReflectionValueResolver;
import io.quarkus.qute.Template;
import io.quarkus.qute.Variant;
import io.vigil.model.Notification;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Renders a notification into subject, plain text and HTML from {@code templates/email/notification.*}.
 *
 * <p>The engine is our own, not the application's managed Qute engine, so that the same escaping and
 * resolution rules apply in production and in tests without CDI. Every value written into the HTML
 * template is HTML-escaped by the engine (the template is parsed as {@code text/html}): label and annotation
 * values come from whoever wrote the alert rule or pushed the series, and must not inject markup.
 */
final class EmailTemplates {
    private static final String DIR = "templates/email/";
    /** A subject fits any sensible alert name and group labels, and still reads in a mail client's list. */
    static final int MAX_HEADER_LENGTH = 200;

    private final Template text;
    private final Template html;

    EmailTemplates() {
        Engine engine = Engine.builder().addDefaults().addValueResolver(new ReflectionValueResolver())
                .addResultMapper(new HtmlEscaper(List.of(Variant.TEXT_HTML))).removeStandaloneLines(true).build();
        text = engine.parse(read("notification.txt"), Variant.forContentType(Variant.TEXT_PLAIN), "email/notification.txt");
        html = engine.parse(read("notification.html"), Variant.forContentType(Variant.TEXT_HTML), "email/notification.html");
    }

    EmailContent render(Notification notification, String subjectPrefix) {
        NotificationView view = NotificationView.of(notification);
        String subject = subjectPrefix == null ? view.headline() : subjectPrefix + " " + view.headline();
        return new EmailContent(headerLine(subject), text.data("view", view).render(), html.data("view", view).render());
    }

    /**
     * A value fit for one header line: control characters become spaces (a label value's CR LF could otherwise
     * start a header of its own, a Bcc for instance), and it is cut at {@link #MAX_HEADER_LENGTH}.
     */
    static String headerLine(String value) {
        StringBuilder s = new StringBuilder(Math.min(value.length(), MAX_HEADER_LENGTH));
        value.codePoints().forEach(c -> s.appendCodePoint(Character.isISOControl(c) ? ' ' : c));
        if (s.length() > MAX_HEADER_LENGTH) {
            s.setLength(MAX_HEADER_LENGTH - 1);
            if (Character.isHighSurrogate(s.charAt(s.length() - 1))) {
                s.setLength(s.length() - 1);
            }
            s.append('…');
        }
        return s.toString();
    }

    private static String read(String name) {
        try (InputStream in = EmailTemplates.class.getClassLoader().getResourceAsStream(DIR + name)) {
            if (in == null) {
                throw new IllegalStateException(DIR + name + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + DIR + name, e);
        }
    }
}

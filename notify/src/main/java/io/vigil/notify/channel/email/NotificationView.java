package io.vigil.notify.channel.email;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.vigil.model.Alert;
import io.vigil.model.Notification;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the email templates see of a notification, prepared so the templates stay free of logic: labels in
 * a stable order (alertname first, then by name), annotations with summary and description first, times in
 * UTC, and links only for http(s) URLs, so that a hostile {@code generatorURL} cannot become a
 * {@code javascript:} link. Escaping is not done here but by the HTML template's engine, for every value.
 *
 * <p>Registered for reflection because the templates read these records through Qute's reflection
 * resolver, which a native image must be told about.
 *
 * @param headline {@code [FIRING:2] HighCPU (cluster=eu1)} or {@code [RESOLVED] HighCPU (cluster=eu1)}
 */
@RegisterForReflection
public record NotificationView(String headline, List<Pair> groupLabels, String externalUrl, String externalLink,
        List<AlertView> alerts) {

    @RegisterForReflection
    public record Pair(String name, String value) {
    }

    /** @param statusLabel FIRING or RESOLVED; {@code endsAt} is null while firing */
    @RegisterForReflection
    public record AlertView(String statusLabel, boolean firing, String name, List<Pair> labels, List<Pair> annotations,
            String startsAt, String endsAt, String generatorUrl, String generatorLink) {
    }

    private static final String ALERTNAME = "alertname";
    private static final List<String> LEADING_ANNOTATIONS = List.of("summary", "description");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    static NotificationView of(Notification n) {
        List<AlertView> alerts = new ArrayList<>(n.alerts().size());
        for (Alert a : n.alerts()) {
            boolean firing = Notification.FIRING.equals(a.status());
            alerts.add(new AlertView(firing ? "FIRING" : "RESOLVED", firing,
                    Objects.requireNonNullElse(a.labels().get(ALERTNAME), "(no alertname)"),
                    ordered(a.labels(), List.of(ALERTNAME)), ordered(a.annotations(), LEADING_ANNOTATIONS),
                    time(a.startsAt()), firing ? null : time(a.endsAt()), a.generatorUrl(), link(a.generatorUrl())));
        }
        List<Pair> groupLabels = ordered(n.groupLabels(), List.of(ALERTNAME));
        return new NotificationView(headline(n, groupLabels), groupLabels, n.externalUrl(), link(n.externalUrl()), alerts);
    }

    private static String headline(Notification n, List<Pair> groupLabels) {
        StringBuilder s = new StringBuilder();
        if (n.firing()) {
            long firing = n.alerts().stream().filter(a -> Notification.FIRING.equals(a.status())).count();
            s.append("[FIRING:").append(firing).append(']');
        } else {
            s.append("[RESOLVED]");
        }
        String name = n.groupLabels().getOrDefault(ALERTNAME, n.commonLabels().get(ALERTNAME));
        if (name != null) {
            s.append(' ').append(name);
        }
        StringBuilder others = new StringBuilder();
        for (Pair p : groupLabels) {
            if (!p.name().equals(ALERTNAME)) {
                others.append(others.isEmpty() ? "" : " ").append(p.name()).append('=').append(p.value());
            }
        }
        if (!others.isEmpty()) {
            s.append(" (").append(others).append(')');
        }
        return s.toString();
    }

    /** {@code leading} keys first, in that order, then the rest by name; line breaks normalised to \n. */
    private static List<Pair> ordered(Map<String, String> map, List<String> leading) {
        List<Pair> out = new ArrayList<>(map.size());
        for (String key : leading) {
            if (map.containsKey(key)) {
                out.add(new Pair(key, normalise(map.get(key))));
            }
        }
        map.entrySet().stream().filter(e -> !leading.contains(e.getKey())).sorted(Map.Entry.comparingByKey())
                .forEach(e -> out.add(new Pair(e.getKey(), normalise(e.getValue()))));
        return out;
    }

    private static String normalise(String value) {
        return value.replace("\r\n", "\n").replace('\r', '\n');
    }

    private static String time(Instant t) {
        return t == null ? null : TIME.format(t);
    }

    /** The URL when it is an absolute http(s) URL that may be a link, else null (shown as text only). */
    static String link(String url) {
        if (url == null || url.isBlank()) {
            return null;
        }
        try {
            URI uri = new URI(url.strip());
            String scheme = uri.getScheme();
            return scheme != null && (scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                    && uri.getHost() != null ? uri.toString() : null;
        } catch (java.net.URISyntaxException e) {
            return null;
        }
    }
}

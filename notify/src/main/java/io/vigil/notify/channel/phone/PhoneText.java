package io.vigil.notify.channel.phone;

import io.vigil.model.Alert;
import io.vigil.model.Notification;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * The words a phone receives: a short SMS, or a sentence read out by a call.
 *
 * <pre>
 * [FIRING:3] HighCPU (web eu-1) - CPU above 90% for 10m
 * [RESOLVED] HighCPU (web eu-1) - CPU above 90% for 10m
 * </pre>
 *
 * The alert name, the other group label values, then the common {@code summary} annotation. The
 * separators are plain ASCII on purpose: one character outside the GSM-7 alphabet (an em dash, an
 * ellipsis) turns the whole SMS into UCS-2 and cuts a segment from 160 to 70 characters. An SMS is
 * at most {@value #MAX_SMS} characters (two or three segments); a spoken text at most
 * {@value #MAX_SPOKEN}, which is already half a minute of speech.
 */
final class PhoneText {
    static final int MAX_SMS = 320;
    static final int MAX_SPOKEN = 500;

    private PhoneText() {
    }

    static String sms(Notification n) {
        String head = n.firing() ? "[FIRING:" + firingCount(n) + "] " : "[RESOLVED] ";
        return cut(head + subject(n, " (", ")") + summary(n, " - "), MAX_SMS);
    }

    static String spoken(Notification n) {
        String head = n.firing() ? "Vigil alert. " + firingCount(n) + " firing. " : "Vigil. Resolved. ";
        return cut(head + subject(n, ", ", "") + "." + summary(n, " "), MAX_SPOKEN);
    }

    private static String subject(Notification n, String open, String close) {
        String name = n.groupLabels().getOrDefault("alertname", n.commonLabels().getOrDefault("alertname", "alert"));
        List<String> scope = new ArrayList<>();
        new TreeMap<>(n.groupLabels()).forEach((k, v) -> {
            if (!k.equals("alertname") && !v.isBlank()) {
                scope.add(v);
            }
        });
        return scope.isEmpty() ? name : name + open + String.join(" ", scope) + close;
    }

    private static String summary(Notification n, String separator) {
        String s = n.commonAnnotations().get("summary");
        return s == null || s.isBlank() ? "" : separator + s.strip();
    }

    private static int firingCount(Notification n) {
        int c = 0;
        for (Alert a : n.alerts()) {
            if (Notification.FIRING.equals(a.status())) {
                c++;
            }
        }
        return c;
    }

    /** Cut with three dots (ASCII, see above), never splitting a surrogate pair. */
    private static String cut(String s, int max) {
        if (s.length() <= max) {
            return s;
        }
        int end = max - 3;
        if (Character.isHighSurrogate(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end) + "...";
    }
}

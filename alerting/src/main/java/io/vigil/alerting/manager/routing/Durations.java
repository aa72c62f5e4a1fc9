package io.vigil.alerting.manager.routing;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Prometheus durations: {@code 30s}, {@code 1h30m}, {@code 500ms}, units y w d h m s ms, largest first. */
public final class Durations {
    private static final Pattern FORM = Pattern.compile(
            "(?:(\\d+)y)?(?:(\\d+)w)?(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?(?:(\\d+)ms)?");
    private static final long[] UNIT_MS = {365L * 86_400_000, 7L * 86_400_000, 86_400_000, 3_600_000, 60_000, 1000, 1};

    private Durations() {
    }

    public static Duration parse(String text) {
        if (text == null || text.isEmpty() || text.length() > 40) {
            throw new IllegalArgumentException("invalid duration \"" + text + "\"");
        }
        if (text.equals("0")) {
            return Duration.ZERO;
        }
        Matcher m = FORM.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("invalid duration \"" + text + "\": expected a number and a unit (ms, s, m, h, d, w, y), e.g. 30s or 1h30m");
        }
        long ms = 0;
        for (int i = 0; i < UNIT_MS.length; i++) {
            if (m.group(i + 1) != null) {
                ms = Math.addExact(ms, Math.multiplyExact(Long.parseLong(m.group(i + 1)), UNIT_MS[i]));
            }
        }
        return Duration.ofMillis(ms);
    }
}

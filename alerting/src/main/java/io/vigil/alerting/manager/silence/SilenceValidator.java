package io.vigil.alerting.manager.silence;

import io.vigil.alerting.manager.match.Matcher;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What a silence must satisfy before it is stored; each failure has a reason the user can act on.
 * The limits keep one request from filling the table or the matcher loop.
 */
public final class SilenceValidator {
    public static final int MAX_MATCHERS = 64;
    public static final int MAX_VALUE_LENGTH = 1024;
    public static final int MAX_COMMENT_LENGTH = 4096;
    public static final int MAX_CREATED_BY_LENGTH = 256;
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]{0,199}");

    private SilenceValidator() {
    }

    /** The reasons the silence is refused; empty if it is fine. */
    public static List<String> problems(Silence s, Instant now) {
        List<String> out = new ArrayList<>();
        if (s.matchers().isEmpty()) {
            out.add("a silence needs at least one matcher");
        }
        if (s.matchers().size() > MAX_MATCHERS) {
            out.add("a silence may have at most " + MAX_MATCHERS + " matchers, not " + s.matchers().size());
        }
        boolean allMatchEmpty = !s.matchers().isEmpty();
        for (Matcher m : s.matchers()) {
            if (m.name() == null || !LABEL_NAME.matcher(m.name()).matches()) {
                out.add("invalid label name \"" + m.name() + "\" in a matcher");
            }
            if (m.value().length() > MAX_VALUE_LENGTH) {
                out.add("matcher " + m.name() + ": value longer than " + MAX_VALUE_LENGTH + " characters");
            }
            if (!m.matches("")) {
                allMatchEmpty = false;
            }
        }
        if (allMatchEmpty) {
            out.add("at least one matcher must not match the empty string (this silence would mute every alert)");
        }
        if (s.startsAt() == null || s.endsAt() == null) {
            out.add("startsAt and endsAt are required");
        } else {
            if (!s.endsAt().isAfter(s.startsAt())) {
                out.add("endsAt must be after startsAt");
            }
            if (s.endsAt().isBefore(now)) {
                out.add("endsAt is in the past");
            }
        }
        if (s.createdBy() == null || s.createdBy().isBlank()) {
            out.add("createdBy is required");
        } else if (s.createdBy().length() > MAX_CREATED_BY_LENGTH) {
            out.add("createdBy is longer than " + MAX_CREATED_BY_LENGTH + " characters");
        }
        if (s.comment() == null || s.comment().isBlank()) {
            out.add("comment is required");
        } else if (s.comment().length() > MAX_COMMENT_LENGTH) {
            out.add("comment is longer than " + MAX_COMMENT_LENGTH + " characters");
        }
        return out;
    }
}

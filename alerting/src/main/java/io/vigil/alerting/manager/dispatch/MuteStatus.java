package io.vigil.alerting.manager.dispatch;

import java.util.List;

/** Why an alert is muted: the ids of the silences and the fingerprints of the alerts that mute it. */
public record MuteStatus(List<String> silencedBy, List<String> inhibitedBy) {
    public static final MuteStatus NONE = new MuteStatus(List.of(), List.of());

    public MuteStatus {
        silencedBy = List.copyOf(silencedBy);
        inhibitedBy = List.copyOf(inhibitedBy);
    }

    public boolean muted() {
        return !silencedBy.isEmpty() || !inhibitedBy.isEmpty();
    }
}

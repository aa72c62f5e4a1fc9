package io.vigil.alerting.manager.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.alerting.manager.match.MatcherParser;
import io.vigil.alerting.manager.routing.InhibitRule;
import io.vigil.alerting.manager.silence.Silence;
import io.vigil.alerting.model.Fingerprints;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Inhibition (critical mutes warning of the same alertname and instance) and silences. */
class MutingTest {
    static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");
    static final InhibitRule CRIT_MUTES_WARN = new InhibitRule(MatcherParser.parseList("severity=critical"),
            MatcherParser.parseList("severity=warning"), List.of("alertname", "instance"));

    static ManagedAlert firing(String... kv) {
        Map<String, String> labels = labels(kv);
        return new ManagedAlert(Fingerprints.of(labels), labels, Map.of(), NOW.minusSeconds(60), null, NOW, null, null);
    }

    static ManagedAlert resolved(String... kv) {
        Map<String, String> labels = labels(kv);
        return new ManagedAlert(Fingerprints.of(labels), labels, Map.of(), NOW.minusSeconds(60), NOW.minusSeconds(1), NOW, null, null);
    }

    static Map<String, String> labels(String... kv) {
        Map<String, String> m = new java.util.TreeMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void firingCriticalInhibitsWarningWithEqualLabelsOnly() {
        ManagedAlert crit = firing("alertname", "Disk", "instance", "h1", "severity", "critical");
        ManagedAlert warnSame = firing("alertname", "Disk", "instance", "h1", "severity", "warning");
        ManagedAlert warnOther = firing("alertname", "Disk", "instance", "h2", "severity", "warning");
        Map<String, MuteStatus> m = Muting.of(List.of(crit, warnSame, warnOther), List.of(), List.of(CRIT_MUTES_WARN), NOW);
        assertThat(m.get(warnSame.fingerprint()).inhibitedBy()).containsExactly(crit.fingerprint());
        assertThat(m.get(warnOther.fingerprint()).muted()).isFalse();
        assertThat(m.get(crit.fingerprint()).muted()).isFalse();
    }

    @Test
    void resolvedSourceInhibitsNothing() {
        ManagedAlert crit = resolved("alertname", "Disk", "instance", "h1", "severity", "critical");
        ManagedAlert warn = firing("alertname", "Disk", "instance", "h1", "severity", "warning");
        assertThat(Muting.of(List.of(crit, warn), List.of(), List.of(CRIT_MUTES_WARN), NOW).get(warn.fingerprint()).muted()).isFalse();
    }

    @Test
    void labelMissingOnBothSidesCountsAsEqual() {
        ManagedAlert crit = firing("alertname", "Disk", "severity", "critical");
        ManagedAlert warn = firing("alertname", "Disk", "severity", "warning");
        assertThat(Muting.of(List.of(crit, warn), List.of(), List.of(CRIT_MUTES_WARN), NOW).get(warn.fingerprint()).muted()).isTrue();
    }

    @Test
    void onlyActiveSilencesMute() {
        ManagedAlert a = firing("alertname", "Disk");
        Silence active = new Silence("s1", MatcherParser.parseList("alertname=Disk"), NOW.minusSeconds(5), NOW.plusSeconds(60), "a", "c", NOW);
        Silence pending = new Silence("s2", MatcherParser.parseList("alertname=Disk"), NOW.plusSeconds(5), NOW.plusSeconds(60), "a", "c", NOW);
        Silence expired = new Silence("s3", MatcherParser.parseList("alertname=Disk"), NOW.minus(Duration.ofHours(1)), NOW.minusSeconds(1), "a", "c", NOW);
        Silence other = new Silence("s4", MatcherParser.parseList("alertname=Cpu"), NOW.minusSeconds(5), NOW.plusSeconds(60), "a", "c", NOW);
        assertThat(Muting.of(List.of(a), List.of(active, pending, expired, other), List.of(), NOW).get(a.fingerprint()).silencedBy())
                .containsExactly("s1");
    }
}

package io.vigil.alerting.manager.dispatch;

import io.micrometer.core.instrument.MeterRegistry;
import io.vigil.alerting.manager.silence.Silence;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** vigil_alerts{state} (active, suppressed, resolved) and vigil_silences{state}, as of the last dispatch round. */
final class DispatchMetrics {
    private final AtomicLong active = new AtomicLong();
    private final AtomicLong suppressed = new AtomicLong();
    private final AtomicLong resolved = new AtomicLong();
    private final AtomicLong silencesActive = new AtomicLong();
    private final AtomicLong silencesPending = new AtomicLong();
    private final AtomicLong silencesExpired = new AtomicLong();

    DispatchMetrics(MeterRegistry r) {
        r.gauge("vigil.alerts", List.of(io.micrometer.core.instrument.Tag.of("state", "active")), active);
        r.gauge("vigil.alerts", List.of(io.micrometer.core.instrument.Tag.of("state", "suppressed")), suppressed);
        r.gauge("vigil.alerts", List.of(io.micrometer.core.instrument.Tag.of("state", "resolved")), resolved);
        r.gauge("vigil.silences", List.of(io.micrometer.core.instrument.Tag.of("state", "active")), silencesActive);
        r.gauge("vigil.silences", List.of(io.micrometer.core.instrument.Tag.of("state", "pending")), silencesPending);
        r.gauge("vigil.silences", List.of(io.micrometer.core.instrument.Tag.of("state", "expired")), silencesExpired);
    }

    void observe(List<ManagedAlert> alerts, Map<String, MuteStatus> mutes, List<Silence> silences, Instant now) {
        long a = 0, s = 0, res = 0;
        for (ManagedAlert al : alerts) {
            if (!al.firing()) {
                res++;
            } else if (mutes.getOrDefault(al.fingerprint(), MuteStatus.NONE).muted()) {
                s++;
            } else {
                a++;
            }
        }
        active.set(a);
        suppressed.set(s);
        resolved.set(res);
        long sa = 0, sp = 0, se = 0;
        for (Silence si : silences) {
            switch (si.state(now)) {
                case "active" -> sa++;
                case "pending" -> sp++;
                default -> se++;
            }
        }
        silencesActive.set(sa);
        silencesPending.set(sp);
        silencesExpired.set(se);
    }
}

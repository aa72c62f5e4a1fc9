package io.vigil.alerting.eval;

import io.vigil.alerting.model.AlertsChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Test observer: the sources whose alerts changed, as the dispatcher is told. */
@ApplicationScoped
public class ChangeRecorder {
    private final List<String> sources = new CopyOnWriteArrayList<>();

    void on(@ObservesAsync AlertsChanged event) {
        sources.add(event.source());
    }

    /** How often the alerts of {@code source} were signalled as changed (a method: the bean is proxied). */
    public long count(String source) {
        return sources.stream().filter(source::equals).count();
    }
}

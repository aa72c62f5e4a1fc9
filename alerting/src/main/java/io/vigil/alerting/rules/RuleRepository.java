package io.vigil.alerting.rules;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** PLACEHOLDER for merge: the rules helper owns the real class (same signatures). */
@ApplicationScoped
public class RuleRepository {
    private volatile RuleSet current = RuleSet.EMPTY;
    private final List<Consumer<RuleSet>> listeners = new CopyOnWriteArrayList<>();

    public RuleSet current() {
        return current;
    }

    public void addListener(Consumer<RuleSet> listener) {
        listeners.add(listener);
    }

    /** Placeholder only: lets tests install a rule set. */
    public void set(RuleSet rules) {
        current = rules;
        listeners.forEach(l -> l.accept(rules));
    }
}

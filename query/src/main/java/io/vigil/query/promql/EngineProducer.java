package io.vigil.query.promql;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Makes the PromQL engine a CDI bean over the service's storage port (the SQL series source). */
@ApplicationScoped
public class EngineProducer {
    // Singleton, not ApplicationScoped: the engine needs no client proxy (and may not be proxyable).
    @Produces
    @Singleton
    PromqlEngine engine(SeriesSource source) {
        return new PromqlEngine(source);
    }
}

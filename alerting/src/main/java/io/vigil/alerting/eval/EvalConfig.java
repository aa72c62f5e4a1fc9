package io.vigil.alerting.eval;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.util.Map;
import java.util.Optional;

/** Where rules are evaluated and where their results go (see application.properties). */
@ConfigMapping(prefix = "vigil.alerting")
public interface EvalConfig {
    /** The query tier's Prometheus HTTP API (instant queries). */
    @WithDefault("http://127.0.0.1:7202")
    URI queryUrl();

    /** Bearer token for the query tier, if it asks for one. */
    Optional<String> queryToken();

    /** The ingest gateway, where recording rule results and ALERTS series are pushed. */
    @WithDefault("http://127.0.0.1:7201")
    URI ingestUrl();

    /** A push token of the gateway, when its auth is on. */
    Optional<String> ingestToken();

    /** This service's address, for generator URLs and $externalURL in templates. */
    @WithDefault("http://127.0.0.1:7203")
    String externalUrl();

    /** Labels added to alerts and recorded series where they lack them; $externalLabels in templates. */
    Map<String, String> externalLabels();

    /** Evaluation knobs. */
    Eval eval();

    interface Eval {
        /** How many rules of one group are evaluated at once when none depends on another. */
        @WithDefault("4")
        int ruleConcurrency();
    }
}

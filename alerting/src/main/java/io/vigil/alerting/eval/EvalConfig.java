package io.vigil.alerting.eval;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Where rules are evaluated and where their results go (see application.properties). Plain properties
 * rather than a mapping rooted at {@code vigil.alerting}: such a mapping would refuse the keys the
 * other parts of the service keep under that prefix.
 */
@ApplicationScoped
public class EvalConfig {
    private static final String EXTERNAL_LABELS = "vigil.alerting.external-labels.";

    private final URI queryUrl;
    private final Optional<String> queryToken;
    private final URI ingestUrl;
    private final Optional<String> ingestToken;
    private final String externalUrl;
    private final Map<String, String> externalLabels;
    private final int ruleConcurrency;
    private final boolean evaluationEnabled;

    @Inject
    EvalConfig(Config config,
            @ConfigProperty(name = "vigil.alerting.query-url", defaultValue = "http://127.0.0.1:7202") URI queryUrl,
            @ConfigProperty(name = "vigil.alerting.query-token") Optional<String> queryToken,
            @ConfigProperty(name = "vigil.alerting.ingest-url", defaultValue = "http://127.0.0.1:7201") URI ingestUrl,
            @ConfigProperty(name = "vigil.alerting.ingest-token") Optional<String> ingestToken,
            @ConfigProperty(name = "vigil.alerting.external-url", defaultValue = "http://127.0.0.1:7203") String externalUrl,
            @ConfigProperty(name = "vigil.alerting.eval.rule-concurrency", defaultValue = "4") int ruleConcurrency,
            @ConfigProperty(name = "vigil.alerting.eval.enabled", defaultValue = "true") boolean evaluationEnabled) {
        Map<String, String> labels = new TreeMap<>();
        for (String name : config.getPropertyNames()) {
            if (name.startsWith(EXTERNAL_LABELS)) {
                config.getOptionalValue(name, String.class)
                        .ifPresent(v -> labels.put(name.substring(EXTERNAL_LABELS.length()), v));
            }
        }
        this.queryUrl = queryUrl;
        this.queryToken = queryToken;
        this.ingestUrl = ingestUrl;
        this.ingestToken = ingestToken;
        this.externalUrl = externalUrl;
        this.externalLabels = Map.copyOf(labels);
        this.ruleConcurrency = ruleConcurrency;
        this.evaluationEnabled = evaluationEnabled;
    }

    /** The query tier's Prometheus HTTP API (instant queries). */
    public URI queryUrl() {
        return queryUrl;
    }

    /** Bearer token for the query tier, if it asks for one. */
    public Optional<String> queryToken() {
        return queryToken;
    }

    /** The ingest gateway, where recording rule results and ALERTS series are pushed. */
    public URI ingestUrl() {
        return ingestUrl;
    }

    /** A push token of the gateway, when its auth is on. */
    public Optional<String> ingestToken() {
        return ingestToken;
    }

    /** This service's address, for generator URLs and $externalURL in templates. */
    public String externalUrl() {
        return externalUrl;
    }

    /** {@code vigil.alerting.external-labels.<name>}: added to alerts and recorded series that lack them. */
    public Map<String, String> externalLabels() {
        return externalLabels;
    }

    /** How many rules of one group are evaluated at once when none reads another's recorded series. */
    public int ruleConcurrency() {
        return ruleConcurrency;
    }

    /** Whether this replica evaluates rule groups at all (off: it only answers the APIs). */
    public boolean evaluationEnabled() {
        return evaluationEnabled;
    }
}

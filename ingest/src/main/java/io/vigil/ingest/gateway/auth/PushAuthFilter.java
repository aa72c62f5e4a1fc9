package io.vigil.ingest.gateway.auth;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Requires a push token on every push path ({@link PushProtocol#ofPath}) before the request is
 * routed or its body read; health, metrics and {@code /ping} stay open. 401 (with
 * {@code WWW-Authenticate}) without a token or with an unknown one, 403 for a token not allowed the
 * path's protocol. A Vert.x filter rather than a JAX-RS one, so that it covers every push endpoint
 * however it is implemented.
 *
 * <p>Tokens never reach a log or an answer: refusals are counted in
 * {@code vigil_gateway_auth_refused_total{reason}}, and only the source's configured name is ever named.
 */
@ApplicationScoped
public class PushAuthFilter {
    private static final Logger LOG = Logger.getLogger(PushAuthFilter.class);
    /** Before routing, after nothing that could read the body. */
    private static final int PRIORITY = 1_000;

    private final GatewayAuthConfig config;
    private final MeterRegistry meters;

    PushAuthFilter(GatewayAuthConfig config, MeterRegistry meters) {
        this.config = config;
        this.meters = meters;
    }

    void register(@Observes Filters filters) {
        if (!config.enabled()) {
            LOG.warn("push authentication is off (vigil.gateway.auth.enabled=false): anyone who reaches this port can push");
            return;
        }
        PushTokens tokens = PushTokens.load(config.sources());
        if (tokens.size() == 0) {
            LOG.warn("push authentication is on but no source is configured (vigil.gateway.auth.sources.*): every push is refused");
        } else {
            LOG.infof("push authentication is on: %d source(s) %s", tokens.size(), config.sources().keySet());
        }
        filters.register(rc -> check(rc, tokens), PRIORITY);
    }

    private void check(RoutingContext rc, PushTokens tokens) {
        PushProtocol protocol = PushProtocol.ofPath(rc.normalizedPath());
        if (protocol == null) {
            rc.next();
            return;
        }
        String authorization = rc.request().getHeader(HttpHeaders.AUTHORIZATION);
        String queryPassword = protocol == PushProtocol.INFLUX ? rc.request().getParam("p") : null;
        String token = Credentials.token(authorization, queryPassword);
        if (token == null) {
            refuse(rc, protocol, 401, "missing", authorization == null
                    ? "a push token is required (Authorization: Bearer <token>" + (protocol == PushProtocol.INFLUX
                            ? ", Token <token>, basic auth or the p query parameter)" : " or basic auth)")
                    : "the Authorization header is not understood (use Bearer <token>, Token <token> or Basic)");
            return;
        }
        PushTokens.Source source = tokens.find(token);
        if (source == null) {
            refuse(rc, protocol, 401, "invalid", "the push token is not valid");
            return;
        }
        if (!source.allows(protocol)) {
            refuse(rc, protocol, 403, "forbidden", "source \"" + source.name() + "\" may not push with the "
                    + protocol.configName() + " protocol");
            return;
        }
        rc.put(PushTokens.Source.class.getName(), source);
        rc.next();
    }

    private void refuse(RoutingContext rc, PushProtocol protocol, int status, String reason, String message) {
        meters.counter("vigil_gateway_auth_refused_total", "reason", reason, "protocol", protocol.configName()).increment();
        JsonObject body = protocol == PushProtocol.INFLUX
                ? new JsonObject().put("code", status == 401 ? "unauthorized" : "forbidden").put("message", message)
                : new JsonObject().put("status", "error").put("error", message);
        var response = rc.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "application/json");
        if (status == 401) {
            response.headers().add("WWW-Authenticate", "Bearer realm=\"vigil\"")
                    .add("WWW-Authenticate", "Basic realm=\"vigil\"");
        }
        // The body was not read: close the connection rather than leave unread bytes in it.
        response.putHeader(HttpHeaders.CONNECTION, "close").end(body.encode());
    }
}

package io.vigil.query.api.prometheus;

import io.vigil.query.promql.QueryException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every {@link QueryException} leaves the service as a Prometheus error envelope with its status. */
public class QueryErrors {
    @ServerExceptionMapper
    public Response map(QueryException e) {
        return PromJson.error(e);
    }
}

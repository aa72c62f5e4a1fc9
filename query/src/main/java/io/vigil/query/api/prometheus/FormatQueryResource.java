package io.vigil.query.api.prometheus;

import io.vigil.promql.parser.PromqlParseException;
import io.vigil.promql.parser.PromqlParser;
import io.vigil.query.promql.QueryLimitsConfig;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;

/** {@code /api/v1/format_query}: the query in canonical PromQL (the parser's printer), or its parse error. */
@Path("/api/v1/format_query")
@Produces(MediaType.APPLICATION_JSON)
public class FormatQueryResource {
    private final QueryLimitsConfig limits;

    FormatQueryResource(QueryLimitsConfig limits) {
        this.limits = limits;
    }

    @GET
    public Response get(@Context UriInfo uri) {
        return format(ApiParams.of(uri, null));
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response post(@Context UriInfo uri, MultivaluedMap<String, String> form) {
        return format(ApiParams.of(uri, form));
    }

    private Response format(ApiParams p) {
        String query = p.query(limits.maxQueryLength());
        String formatted;
        try {
            formatted = PromqlParser.parse(query).toString();
        } catch (PromqlParseException e) {
            throw ApiParams.invalid("query", e.getMessage());
        }
        return PromJson.success(List.of(), g -> g.writeString(formatted));
    }
}

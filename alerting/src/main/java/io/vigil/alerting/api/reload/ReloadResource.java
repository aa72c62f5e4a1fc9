package io.vigil.alerting.api.reload;

import io.vigil.alerting.auth.Requires;
import io.vigil.alerting.auth.Role;
import io.vigil.alerting.model.Reloadable;
import jakarta.enterprise.inject.Instance;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /-/reload} (or PUT, as Prometheus and Alertmanager take both): reloads the rule files and
 * the routing configuration now. 200 {@code {"status":"success"}} when all were taken; otherwise 500 with
 * every error, as Prometheus answers, and the previous good configuration stays in force.
 */
@Path("/-/reload")
@Produces(MediaType.APPLICATION_JSON)
public class ReloadResource {
    private final Instance<Reloadable> reloadables;

    ReloadResource(Instance<Reloadable> reloadables) {
        this.reloadables = reloadables;
    }

    @POST
    @Requires(Role.ADMIN)
    public Response post(@Context SecurityContext caller) {
        return reload(caller.getUserPrincipal().getName());
    }

    @PUT
    @Requires(Role.ADMIN)
    public Response put(@Context SecurityContext caller) {
        return reload(caller.getUserPrincipal().getName());
    }

    private Response reload(String actor) {
        List<String> errors = new ArrayList<>();
        for (Reloadable r : reloadables) {
            for (String e : r.reload(actor)) {
                errors.add(r.what() + ": " + e);
            }
        }
        if (errors.isEmpty()) {
            return Response.ok(Map.of("status", "success")).build();
        }
        return Response.serverError().entity(Map.of("status", "error", "errorType", "reload",
                "error", "failed to reload config: " + String.join("; ", errors), "errors", errors)).build();
    }
}

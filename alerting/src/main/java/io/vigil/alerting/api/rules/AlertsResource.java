package io.vigil.alerting.api.rules;

import io.vigil.alerting.auth.Requires;
import io.vigil.alerting.auth.Role;
import io.vigil.alerting.template.GoFormat;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /api/v1/alerts} as Prometheus answers it: the pending and firing alerts of every rule group,
 * from the shared store, so any replica answers for all.
 */
@Path("/api/v1/alerts")
public class AlertsResource {
    private final StoredStatus status;

    AlertsResource(StoredStatus status) {
        this.status = status;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Requires(Role.READER)
    public Response alerts() throws SQLException {
        return PromApi.success(Map.of("alerts", status.activeAlerts().stream().map(AlertsResource::alertView).toList()));
    }

    static Map<String, Object> alertView(StoredStatus.ActiveAlert a) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("labels", a.labels());
        view.put("annotations", a.annotations());
        view.put("state", a.state());
        view.put("activeAt", a.activeAt().toString());
        if (a.keepFiringSince() != null) {
            view.put("keepFiringSince", a.keepFiringSince().toString());
        }
        // Prometheus writes alert values in exponent form, shortest digits: 1e+00, 2.5e-01.
        view.put("value", GoFormat.formatFloat(a.value(), 'e', -1));
        return view;
    }
}

package io.vigil.alerting.api.alertmanager;

import io.vigil.alerting.auth.Requires;
import io.vigil.alerting.auth.Role;
import io.vigil.alerting.manager.match.Matcher;
import io.vigil.alerting.manager.match.MatcherParser;
import io.vigil.alerting.model.AlertsChanged;
import jakarta.enterprise.event.Event;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Alertmanager API v2: {@code /api/v2/alerts} and {@code /api/v2/alerts/groups}. */
@Path("/api/v2/alerts")
@Produces(MediaType.APPLICATION_JSON)
public class AlertsResource {
    private final AlertViews views;
    private final PostedAlertStore store;
    private final Event<AlertsChanged> changed;

    AlertsResource(AlertViews views, PostedAlertStore store, Event<AlertsChanged> changed) {
        this.views = views;
        this.store = store;
        this.changed = changed;
    }

    @GET
    @Requires(Role.READER)
    public Response list(@QueryParam("filter") List<String> filter, @QueryParam("active") @DefaultValue("true") boolean active,
            @QueryParam("silenced") @DefaultValue("true") boolean silenced,
            @QueryParam("inhibited") @DefaultValue("true") boolean inhibited,
            @QueryParam("unprocessed") @DefaultValue("true") boolean unprocessed, @QueryParam("receiver") String receiver)
            throws SQLException {
        try {
            return Response.ok(views.alerts(filter(filter, active, silenced, inhibited, receiver))).build();
        } catch (IllegalArgumentException e) {
            return ApiErrors.badRequest(e.getMessage());
        }
    }

    @GET
    @Path("/groups")
    @Requires(Role.READER)
    public Response groups(@QueryParam("filter") List<String> filter, @QueryParam("active") @DefaultValue("true") boolean active,
            @QueryParam("silenced") @DefaultValue("true") boolean silenced,
            @QueryParam("inhibited") @DefaultValue("true") boolean inhibited, @QueryParam("receiver") String receiver)
            throws SQLException {
        try {
            return Response.ok(views.groups(filter(filter, active, silenced, inhibited, receiver))).build();
        } catch (IllegalArgumentException e) {
            return ApiErrors.badRequest(e.getMessage());
        }
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Requires(Role.EDITOR)
    public Response post(InputStream body) throws SQLException, IOException {
        try {
            List<PostedAlerts.Posted> alerts = PostedAlerts.parse(Bodies.json(body));
            store.store(alerts, Instant.now());
            changed.fireAsync(new AlertsChanged(PostedAlertStore.SOURCE));
            return Response.ok().build();
        } catch (Bodies.BadBody e) {
            return ApiErrors.of(e.status, e.getMessage());
        } catch (IllegalArgumentException e) {
            return ApiErrors.badRequest(e.getMessage());
        }
    }

    static List<Matcher> matchers(List<String> filter) {
        List<Matcher> out = new ArrayList<>();
        if (filter != null) {
            if (filter.size() > 64) {
                throw new IllegalArgumentException("at most 64 filter matchers");
            }
            for (String f : filter) {
                try {
                    out.addAll(MatcherParser.parseList(f));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("bad filter " + f + ": " + e.getMessage());
                }
            }
        }
        return out;
    }

    private static AlertViews.Filter filter(List<String> filter, boolean active, boolean silenced, boolean inhibited, String receiver) {
        Pattern r = null;
        if (receiver != null && !receiver.isEmpty()) {
            try {
                r = Pattern.compile("^(?:" + receiver + ")$");
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("receiver is not a valid regular expression: " + e.getDescription());
            }
        }
        return new AlertViews.Filter(matchers(filter), active, silenced, inhibited, r);
    }
}

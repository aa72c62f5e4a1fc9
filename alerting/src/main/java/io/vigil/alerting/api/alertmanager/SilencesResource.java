package io.vigil.alerting.api.alertmanager;

import io.vigil.alerting.auth.Requires;
import io.vigil.alerting.auth.Role;
import io.vigil.alerting.manager.match.Matcher;
import io.vigil.alerting.manager.silence.Silence;
import io.vigil.alerting.manager.silence.SilenceException;
import io.vigil.alerting.manager.silence.SilenceStore;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.io.IOException;
import java.io.InputStream;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/** Alertmanager API v2: {@code /api/v2/silences} and {@code /api/v2/silence/{id}}. */
@Path("/api/v2")
@Produces(MediaType.APPLICATION_JSON)
public class SilencesResource {
    private static final Pattern ID = Pattern.compile("[0-9a-fA-F-]{1,64}");
    private final SilenceStore store;

    SilencesResource(SilenceStore store) {
        this.store = store;
    }

    /** Silences whose matchers the filter matchers select: a filter matches a silence with an equal matcher. */
    @GET
    @Path("/silences")
    @Requires(Role.READER)
    public Response list(@QueryParam("filter") List<String> filter) throws SQLException {
        List<Matcher> wanted;
        try {
            wanted = AlertsResource.matchers(filter);
        } catch (IllegalArgumentException e) {
            return ApiErrors.badRequest(e.getMessage());
        }
        Instant now = Instant.now();
        List<AmJson.GettableSilence> out = new ArrayList<>();
        for (Silence s : store.all()) {
            if (selected(s, wanted)) {
                out.add(gettable(s, now));
            }
        }
        // Alertmanager's order: active, then pending, then expired.
        out.sort(Comparator.comparingInt(s -> List.of("active", "pending", "expired").indexOf(s.status().state())));
        return Response.ok(out).build();
    }

    @GET
    @Path("/silence/{id}")
    @Requires(Role.READER)
    public Response get(@PathParam("id") String id) throws SQLException {
        if (!ID.matcher(id).matches()) {
            return ApiErrors.badRequest("silence id must be a UUID");
        }
        return store.get(id).map(s -> Response.ok(gettable(s, Instant.now())).build())
                .orElseGet(() -> ApiErrors.of(404, "silence " + id + " not found"));
    }

    @POST
    @Path("/silences")
    @Consumes(MediaType.WILDCARD)
    @Requires(Role.EDITOR)
    public Response post(InputStream body, @Context SecurityContext caller) throws SQLException, IOException {
        try {
            Silence s = PostedSilences.parse(Bodies.json(body));
            String id = store.save(s, caller.getUserPrincipal().getName());
            return Response.ok(new AmJson.SilenceCreated(id)).build();
        } catch (Bodies.BadBody e) {
            return ApiErrors.of(e.status, e.getMessage());
        } catch (IllegalArgumentException e) {
            return ApiErrors.badRequest(e.getMessage());
        } catch (SilenceException e) {
            return ApiErrors.of(e.status(), e.getMessage());
        }
    }

    @DELETE
    @Path("/silence/{id}")
    @Requires(Role.EDITOR)
    public Response expire(@PathParam("id") String id, @Context SecurityContext caller) throws SQLException {
        if (!ID.matcher(id).matches()) {
            return ApiErrors.badRequest("silence id must be a UUID");
        }
        try {
            store.expire(id, caller.getUserPrincipal().getName());
            return Response.ok().build();
        } catch (SilenceException e) {
            return ApiErrors.of(e.status(), e.getMessage());
        }
    }

    private static boolean selected(Silence s, List<Matcher> wanted) {
        for (Matcher w : wanted) {
            if (s.matchers().stream().noneMatch(m -> m.name().equals(w.name()) && w.matches(m.value()))) {
                return false;
            }
        }
        return true;
    }

    static AmJson.GettableSilence gettable(Silence s, Instant now) {
        List<AmJson.Matcher> matchers = s.matchers().stream()
                .map(m -> new AmJson.Matcher(m.name(), m.value(), m.type().isRegex(), m.type().isEqual())).toList();
        return new AmJson.GettableSilence(s.id(), new AmJson.SilenceStatus(s.state(now)), s.updatedAt(), matchers,
                s.startsAt(), s.endsAt(), s.createdBy(), s.comment());
    }
}

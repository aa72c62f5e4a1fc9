package io.vigil.alerting.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.alerting.auth.Requires;
import io.vigil.alerting.auth.Role;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code GET /api/v1/audit?limit=N}: the newest changes (admin only: it names who did what). */
@Path("/api/v1/audit")
public class AuditResource {
    static final int MAX_LIMIT = 1000;

    private final AuditLog log;
    private final ObjectMapper mapper;

    AuditResource(AuditLog log, ObjectMapper mapper) {
        this.log = log;
        this.mapper = mapper;
    }

    @GET
    @Requires(Role.ADMIN)
    @Produces(MediaType.APPLICATION_JSON)
    public Response recent(@QueryParam("limit") @DefaultValue("100") String limitParam) throws SQLException {
        int limit;
        try {
            limit = Integer.parseInt(limitParam);
        } catch (NumberFormatException e) {
            throw badRequest("limit must be a whole number, got \"" + abbreviate(limitParam) + "\"");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw badRequest("limit must be between 1 and " + MAX_LIMIT + ", got " + limit);
        }
        List<Map<String, Object>> entries = new ArrayList<>();
        for (AuditLog.Entry e : log.recent(limit)) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", e.id());
            m.put("time", e.time().toString());
            m.put("actor", e.actor());
            m.put("action", e.action());
            m.put("target", e.target());
            m.put("detail", detail(e.detail()));
            entries.add(m);
        }
        return Response.ok(Map.of("status", "success", "data", entries)).build();
    }

    private JsonNode detail(String json) {
        try {
            return mapper.readTree(json);
        } catch (JsonProcessingException e) {
            return mapper.getNodeFactory().textNode(json);
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }

    private static BadRequestException badRequest(String reason) {
        return new BadRequestException(Response.status(400).type(MediaType.APPLICATION_JSON)
                .entity(Map.of("status", "error", "errorType", "bad_data", "error", reason)).build());
    }
}

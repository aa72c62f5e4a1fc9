package io.vigil.alerting.api.rules;

import io.vigil.alerting.auth.Requires;
import io.vigil.alerting.auth.Role;
import io.vigil.alerting.rules.RuleRepository;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/** {@code GET /api/v1/rules/errors}: what is wrong with the rule files now (empty when all are good). */
@Path("/api/v1/rules/errors")
@Produces(MediaType.APPLICATION_JSON)
public class RuleErrorsResource {
    private final RuleRepository rules;

    RuleErrorsResource(RuleRepository rules) {
        this.rules = rules;
    }

    @GET
    @Requires(Role.READER)
    public Map<String, Object> errors() {
        return Map.of("status", "success", "data", Map.of("errors", rules.errors()));
    }
}

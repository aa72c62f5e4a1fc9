package io.vigil.ingest.writer;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.sql.SQLException;
import java.util.List;

/**
 * {@code POST /api/v1/admin/policy-jobs/run}: runs every TimescaleDB policy job now (refresh,
 * compression, retention), for operators of the embedded database and for tests. Answers with what
 * ran, how long each took and any error.
 */
@Path("/api/v1/admin/policy-jobs/run")
public class PolicyJobResource {
    private final PolicyJobRunner runner;

    PolicyJobResource(PolicyJobRunner runner) {
        this.runner = runner;
    }

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public List<PolicyJobRunner.JobRun> runAll() throws SQLException {
        return runner.run(true);
    }
}

package io.vigil.ingest.writer;

import io.agroal.api.AgroalDataSource;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Runs TimescaleDB's policy jobs (aggregate refresh, compression, retention) for a database that has
 * no background scheduler, such as the embedded one. Each job runs when its own schedule_interval
 * has passed since this runner last ran it; refreshes first (1m before 1h, in creation order), then
 * compression, then retention, so that rollups are up to date before raw data is dropped.
 */
@ApplicationScoped
public class PolicyJobRunner {
    private static final Logger LOG = Logger.getLogger(PolicyJobRunner.class);

    static final String DUE_JOBS = """
            SELECT job_id, proc_name, hypertable_name, extract(epoch FROM schedule_interval)::bigint
            FROM timescaledb_information.jobs
            WHERE proc_name IN ('policy_refresh_continuous_aggregate', 'policy_compression', 'policy_retention')
            ORDER BY CASE proc_name WHEN 'policy_refresh_continuous_aggregate' THEN 0
                                    WHEN 'policy_compression' THEN 1 ELSE 2 END, job_id""";

    private final AgroalDataSource dataSource;
    private final WriterConfig config;
    private final Map<Integer, Long> lastRun = new HashMap<>();

    PolicyJobRunner(AgroalDataSource dataSource, WriterConfig config) {
        this.dataSource = dataSource;
        this.config = config;
    }

    /** One job run: what ran, how long it took, and its error if it failed. */
    public record JobRun(int jobId, String proc, String hypertable, long millis, String error) {
    }

    @Scheduled(every = "${vigil.writer.policy-check-interval:30s}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void runDue() {
        if (!config.runPolicyJobs()) {
            return;
        }
        try {
            run(false);
        } catch (SQLException e) {
            LOG.warnf("cannot run policy jobs now: %s", e.getMessage());
        }
    }

    /** Runs the due jobs, or all of them when {@code all}; returns what ran. */
    public synchronized List<JobRun> run(boolean all) throws SQLException {
        List<JobRun> runs = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            c.setAutoCommit(true);
            List<Object[]> jobs = new ArrayList<>();
            try (ResultSet rs = st.executeQuery(DUE_JOBS)) {
                while (rs.next()) {
                    jobs.add(new Object[] {rs.getInt(1), rs.getString(2), rs.getString(3), rs.getLong(4)});
                }
            }
            long now = System.currentTimeMillis();
            for (Object[] job : jobs) {
                int id = (Integer) job[0];
                long intervalMillis = (Long) job[3] * 1000;
                Long previous = lastRun.get(id);
                if (!all && previous != null && now - previous < intervalMillis) {
                    continue;
                }
                long start = System.nanoTime();
                String error = null;
                try {
                    st.execute("CALL run_job(" + id + ")");
                } catch (SQLException e) {
                    error = e.getMessage();
                    LOG.warnf("policy job %d (%s on %s) failed: %s", id, job[1], job[2], error);
                }
                lastRun.put(id, now);
                runs.add(new JobRun(id, (String) job[1], (String) job[2], (System.nanoTime() - start) / 1_000_000, error));
            }
        }
        return runs;
    }
}

package dev.plantsync.operations;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import dev.plantsync.platform.Actor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Launches a job only when no execution of it runs anywhere in the cluster. A PostgreSQL advisory lock spans the
 * check and the creation of the execution, so two nodes firing at the same moment cannot both pass the check.
 */
@Component
class ExclusiveLauncher {

    private static final Logger log = LoggerFactory.getLogger(ExclusiveLauncher.class);

    private final JobControl jobs;
    private final DataSource dataSource;

    ExclusiveLauncher(JobControl jobs, DataSource dataSource) {
        this.jobs = jobs;
        this.dataSource = dataSource;
    }

    /** The started execution, or empty when another execution of the job runs or is being launched. */
    Optional<ExecutionSummary> launch(String job, Map<String, String> params, Actor actor) {
        try (Connection c = dataSource.getConnection()) {
            if (!lock(c, "pg_try_advisory_lock", job)) {
                log.info("{} is being launched by another node; skipped", job);
                return Optional.empty();
            }
            try {
                if (jobs.isRunning(job)) {
                    log.info("{} is already running; this fire is skipped", job);
                    return Optional.empty();
                }
                return Optional.of(jobs.launch(job, params, actor));
            } finally {
                lock(c, "pg_advisory_unlock", job);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot take the launch lock for " + job + ": " + e.getMessage(), e);
        }
    }

    private static boolean lock(Connection c, String function, String job) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + function + "(hashtext('plantsync-launch:' || ?))")) {
            ps.setString(1, job);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }
}

package dev.plantsync.operations;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import javax.sql.DataSource;

import dev.plantsync.operations.JobControlException.Reason;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The one door every run of a job passes through (fire, CLI, API, console, recovery restart, approval decision): a
 * cluster-wide lock per job (a PostgreSQL session advisory lock, held from the check until the execution exists) and
 * the check that nothing else of that job runs or waits to be resumed. Reentrant per thread, so recovery can hold the
 * lock across marking a run failed and restarting it, leaving no moment in which a fire could slip in.
 */
@Component
class LaunchGate {

    private static final Duration POLL = Duration.ofMillis(50);

    /** What keeps a new run of a job from starting: one of its executions and why it counts. */
    record Blocker(long executionId, String status, boolean awaitingRestart) {

        String describe() {
            return "execution " + executionId + (awaitingRestart
                    ? " was stopped by a node's shutdown and waits to be restarted by recovery"
                    : " is " + status);
        }
    }

    /** The lock on one job, released on close. */
    interface Held extends AutoCloseable {
        @Override
        void close();
    }

    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private final ThreadLocal<Map<String, Integer>> depth = ThreadLocal.withInitial(HashMap::new);

    LaunchGate(DataSource dataSource, JdbcClient jdbc) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
    }

    /** The job's lock, waiting up to {@code wait} for whoever holds it; empty when it stays taken. */
    Optional<Held> tryHold(String job, Duration wait) {
        Map<String, Integer> mine = depth.get();
        if (mine.containsKey(job)) {
            mine.merge(job, 1, Integer::sum);
            return Optional.of(() -> release(job, null));
        }
        Connection c = null;
        try {
            c = dataSource.getConnection();
            long deadline = System.nanoTime() + wait.toNanos();
            while (!lock(c, "pg_try_advisory_lock", job)) {
                if (System.nanoTime() >= deadline) {
                    c.close();
                    return Optional.empty();
                }
                Thread.sleep(POLL.toMillis());
            }
            mine.put(job, 1);
            Connection held = c;
            return Optional.of(() -> release(job, held));
        } catch (SQLException e) {
            closeQuietly(c);
            throw new IllegalStateException("cannot take the launch lock for " + job + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            closeQuietly(c);
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** The job's lock, or ALREADY_RUNNING when another launch of the job holds it beyond {@code wait}. */
    Held hold(String job, Duration wait) {
        return tryHold(job, wait).orElseThrow(() -> new JobControlException(Reason.ALREADY_RUNNING,
                "job " + job + " is being started right now by another request or node; nothing was started"));
    }

    /**
     * The execution that keeps a new run of {@code job} from starting, other than those of {@code exceptInstance}
     * (the run being restarted): one that runs (STARTING, STARTED, STOPPING; a dead node's too, until recovery takes
     * it), or one a node's shutdown stopped that is still the last of its run and not yet taken by recovery
     * ({@code execution_owner.released_reason = 'SHUTDOWN'}).
     */
    Optional<Blocker> blocker(String job, Long exceptInstance) {
        return blocker(job, exceptInstance, Set.of());
    }

    /** As above, not counting {@code orphans}: the runs recovery is taking over in the same pass. */
    Optional<Blocker> blocker(String job, Long exceptInstance, Set<Long> orphans) {
        List<Long> ignored = new ArrayList<>(orphans);
        ignored.add(-1L); // never empty: "NOT IN ()" is not SQL
        return jdbc.sql("""
                SELECT e.job_execution_id, e.status, e.status = 'STOPPED'
                  FROM batch_job_execution e
                  JOIN batch_job_instance i ON i.job_instance_id = e.job_instance_id
                  LEFT JOIN execution_owner o ON o.job_execution_id = e.job_execution_id
                 WHERE i.job_name = :job
                   AND i.job_instance_id <> coalesce(CAST(:except AS BIGINT), -1)
                   AND e.job_execution_id NOT IN (:ignored)
                   AND (e.status IN ('STARTING', 'STARTED', 'STOPPING')
                        OR (e.status = 'STOPPED' AND o.released_reason = 'SHUTDOWN'
                            AND NOT EXISTS (SELECT 1 FROM batch_job_execution later
                                             WHERE later.job_instance_id = e.job_instance_id
                                               AND later.job_execution_id > e.job_execution_id)))
                 ORDER BY e.job_execution_id LIMIT 1""")
                .param("job", job).param("except", exceptInstance).param("ignored", ignored)
                .query((rs, n) -> new Blocker(rs.getLong(1), rs.getString(2), rs.getBoolean(3)))
                .optional();
    }

    private void release(String job, Connection c) {
        Map<String, Integer> mine = depth.get();
        int left = mine.merge(job, -1, Integer::sum);
        if (left > 0) {
            return;
        }
        mine.remove(job);
        if (c == null) {
            return;
        }
        try (c) {
            lock(c, "pg_advisory_unlock", job);
        } catch (SQLException e) {
            // The connection is broken: its session, and the lock with it, is gone.
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

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // nothing to add to the error being reported
            }
        }
    }
}

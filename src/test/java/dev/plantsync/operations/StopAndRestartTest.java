package dev.plantsync.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import dev.plantsync.platform.Actor;
import dev.plantsync.support.PlantSyncTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * An operator stops a running job at a chunk boundary, then restarts it: it completes, every row once. (Spring
 * Batch 6 reports STOPPED before the step thread has committed its chunk; {@code JobControl} waits for the thread.)
 */
@PlantSyncTest
@TestPropertySource(properties = {"plantsync.jobs.async=true", "plantsync.jobs.max-concurrent=1"})
class StopAndRestartTest {

    @Autowired
    JobControl jobs;

    @Autowired
    JdbcClient jdbc;

    @Test
    void stoppedExecutionRestartsAndCompletes() throws Exception {
        Actor operator = new Actor("otto", "test");
        ExecutionSummary started = jobs.launch("demo", Map.of("items", "10000", "pauseMillis", "150",
                "businessDate", "2026-03-01"), operator);
        Thread.sleep(400);

        jobs.stop(started.id(), operator);
        ExecutionSummary stopped = jobs.awaitEnd(started.id(), Duration.ofSeconds(30));

        assertThat(stopped.status()).isEqualTo("STOPPED");
        long before = rows();
        Thread.sleep(500);
        assertThat(rows()).as("nothing written after the stop was reported done").isEqualTo(before);
        assertThat(before).isBetween(1L, 9999L);
        assertThat(before % 1000).as("stopped at a chunk boundary").isZero();

        ExecutionSummary restarted = jobs.restart(started.id(), operator);
        ExecutionSummary done = jobs.awaitEnd(restarted.id(), Duration.ofSeconds(60));

        assertThat(done.status()).isEqualTo("COMPLETED");
        assertThat(jdbc.sql("SELECT count(*), count(DISTINCT item_no) FROM demo_staging"
                + " WHERE business_date = '2026-03-01'")
                .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)}).single()).containsExactly(10000, 10000);
        assertThat(jdbc.sql("SELECT action || ' ' || outcome FROM audit_event WHERE target = :target ORDER BY id")
                .param("target", "demo#" + started.id()).query(String.class).list())
                .containsExactly("LAUNCH OK", "STOP OK", "RESTART OK");
    }

    /** One job slot (max-concurrent=1) taken: a launch of another job is refused before any execution exists. */
    @Test
    void aFullNodeRefusesALaunchWithoutCreatingAnExecution() throws Exception {
        Actor operator = new Actor("otto", "test");
        ExecutionSummary busy = jobs.launch("demo", Map.of("items", "10000", "pauseMillis", "150",
                "businessDate", "2026-03-02"), operator);

        assertThatThrownBy(() -> jobs.launch("cost-rollup", Map.of("businessDate", "2026-03-02"), operator))
                .isInstanceOfSatisfying(JobControlException.class, e -> {
                    assertThat(e.reason()).isEqualTo(JobControlException.Reason.BUSY);
                    assertThat(e.retryAfter()).isPresent();
                    assertThat(e.getMessage()).contains(
                            "all job slots of this node are in use (plantsync.jobs.max-concurrent=1)",
                            "nothing was started");
                });

        assertThat(jdbc.sql("SELECT count(*) FROM batch_job_instance WHERE job_name = 'cost-rollup'")
                .query(Integer.class).single()).isZero();
        assertThat(jdbc.sql("SELECT outcome FROM audit_event WHERE action = 'LAUNCH' AND target LIKE 'cost-rollup%'")
                .query(String.class).list()).containsExactly("REFUSED");
        jobs.stop(busy.id(), operator);
        assertThat(jobs.awaitEnd(busy.id(), Duration.ofSeconds(30)).status()).isEqualTo("STOPPED");
        assertThat(jdbc.sql("SELECT count(*) FROM batch_job_execution WHERE status = 'FAILED'").query(Integer.class)
                .single()).isZero();
        jobs.abandon(busy.id(), operator);
    }

    private long rows() {
        return jdbc.sql("SELECT count(*) FROM demo_staging WHERE business_date = '2026-03-01'").query(Long.class)
                .single();
    }
}

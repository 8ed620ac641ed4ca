package dev.plantsync.support;

import java.time.Duration;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;

/** A job instance stopped at an approval checkpoint, restarted by the last decision on a thread of its own. */
public final class Resumed {

    private Resumed() {
    }

    /** The instance's newest execution after {@code stopped}, once it has ended. */
    public static JobExecution await(JobRepository repository, JobExecution stopped) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            JobExecution latest = repository.getLastJobExecution(stopped.getJobInstance());
            if (latest != null && latest.getId() > stopped.getId() && !latest.getStatus().isRunning()) {
                return latest;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the approved instance did not finish");
    }
}

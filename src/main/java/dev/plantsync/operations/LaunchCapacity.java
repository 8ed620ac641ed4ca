package dev.plantsync.operations;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.core.task.TaskExecutor;
import org.springframework.core.task.TaskRejectedException;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * How many runs this node may have going at once ({@code plantsync.jobs.max-concurrent} on a server; unbounded for
 * the CLI, which runs one job in its own thread). A launch reserves its slot <em>before</em> Spring Batch creates the
 * execution, so a full node refuses with nothing written, instead of creating an execution that the task executor then
 * rejects and Spring Batch marks FAILED. The reservation passes to the job's thread and is freed when the run ends.
 */
class LaunchCapacity {

    /** A reserved slot; close it whether or not the launch went ahead (it is kept by the run if it did). */
    interface Slot extends AutoCloseable {
        @Override
        void close();
    }

    private static final Duration FREEING = Duration.ofMillis(500);

    private final int max;
    private final Semaphore permits;
    private final ThreadLocal<Reservation> pending = new ThreadLocal<>();

    LaunchCapacity(int max) {
        this.max = max;
        this.permits = new Semaphore(max);
    }

    static LaunchCapacity unbounded() {
        return new LaunchCapacity(Integer.MAX_VALUE);
    }

    int max() {
        return max;
    }

    /** A slot for a run about to start on this thread, or empty when the node is full. Reentrant per thread. */
    Optional<Slot> reserve() {
        Reservation current = pending.get();
        if (current != null) {
            return Optional.of(() -> { });
        }
        if (!acquire()) {
            return Optional.empty();
        }
        Reservation reservation = new Reservation();
        pending.set(reservation);
        return Optional.of(() -> {
            pending.remove();
            if (!reservation.handedOver) {
                permits.release();
            }
        });
    }

    /** A free slot, waiting a moment for one: a run that has just ended frees its slot as its thread finishes. */
    private boolean acquire() {
        try {
            return permits.tryAcquire(FREEING.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** {@code pool} limited to the slots: a run launched with a slot uses it, any other needs a free one. */
    TaskExecutor limit(ThreadPoolTaskExecutor pool) {
        return new Limited(pool);
    }

    /** The limited pool; a bean, so that the pool is shut down with the context. */
    private final class Limited implements TaskExecutor, DisposableBean {

        private final ThreadPoolTaskExecutor pool;

        Limited(ThreadPoolTaskExecutor pool) {
            this.pool = pool;
        }

        @Override
        public void execute(Runnable task) {
            Reservation reservation = pending.get();
            boolean reserved = reservation != null && !reservation.handedOver;
            if (reserved) {
                reservation.handedOver = true;
            } else if (!permits.tryAcquire()) {
                throw new TaskRejectedException("all " + max + " job slots of this node are in use");
            }
            try {
                pool.execute(() -> {
                    try {
                        task.run();
                    } finally {
                        permits.release();
                    }
                });
            } catch (RuntimeException e) {
                if (reserved) {
                    reservation.handedOver = false; // the slot is freed when the reservation closes
                } else {
                    permits.release();
                }
                throw e;
            }
        }

        @Override
        public void destroy() {
            pool.destroy();
        }
    }

    private static final class Reservation {
        volatile boolean handedOver;
    }
}

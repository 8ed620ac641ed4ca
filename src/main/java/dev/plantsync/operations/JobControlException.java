package dev.plantsync.operations;

import java.time.Duration;
import java.util.Optional;

/** An operator request that cannot be carried out as asked: the message says why and what exists instead. */
public class JobControlException extends RuntimeException {

    public enum Reason {
        UNKNOWN_JOB, UNKNOWN_EXECUTION, BAD_PARAMETERS, NOT_RESTARTABLE, NOT_RUNNING, ALREADY_RUNNING, ALREADY_COMPLETE,
        /** Nothing was started because the node or the job repository is busy; the same request later will do. */
        BUSY
    }

    private final Reason reason;
    private final Duration retryAfter;

    public JobControlException(Reason reason, String message) {
        this(reason, message, null);
    }

    public JobControlException(Reason reason, String message, Duration retryAfter) {
        super(message);
        this.reason = reason;
        this.retryAfter = retryAfter;
    }

    public Reason reason() {
        return reason;
    }

    /** For {@link Reason#BUSY}: when asking again is likely to succeed. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}

package dev.plantsync.operations;

/** An operator request that cannot be carried out as asked: the message says why and what exists instead. */
public class JobControlException extends RuntimeException {

    public enum Reason {
        UNKNOWN_JOB, UNKNOWN_EXECUTION, BAD_PARAMETERS, NOT_RESTARTABLE, NOT_RUNNING, ALREADY_RUNNING, ALREADY_COMPLETE
    }

    private final Reason reason;

    public JobControlException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}

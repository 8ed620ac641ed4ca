package dev.plantsync.operations;

/** A schedule file that cannot be put into Quartz; the message names the file and the field. */
public class InvalidScheduleException extends RuntimeException {

    public InvalidScheduleException(String message) {
        super(message);
    }
}

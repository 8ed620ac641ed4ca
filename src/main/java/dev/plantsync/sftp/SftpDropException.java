package dev.plantsync.sftp;

/**
 * A partner's drop could not be worked on. Transient failures (connection dropped, timeout) may succeed when tried
 * again; the others (host key, authentication, missing directory) need a person.
 */
public class SftpDropException extends RuntimeException {

    private final boolean transientFailure;

    public SftpDropException(String message, boolean transientFailure, Throwable cause) {
        super(message, cause);
        this.transientFailure = transientFailure;
    }

    public boolean isTransient() {
        return transientFailure;
    }
}

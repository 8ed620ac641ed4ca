package dev.plantsync.sftp;

/**
 * A partner file a pickup could neither take nor quarantine: it is still in the partner's drop (or its processing
 * directory) and the run must say so rather than report a clean result.
 */
public record LeftBehind(String partner, String documentType, String name, String reason) {
}

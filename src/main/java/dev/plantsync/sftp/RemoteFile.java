package dev.plantsync.sftp;

/** A file in a partner's directory as listed: name, size and modification time (seconds). */
public record RemoteFile(String name, long size, long modified) {
}

package dev.plantsync.sftp;

import java.nio.file.Path;

/** A partner file claimed, downloaded and registered, ready to be staged. */
public record PickedFile(long id, Partner partner, String documentType, String name, Path localPath, String sha256,
        long size, String remotePath) {
}

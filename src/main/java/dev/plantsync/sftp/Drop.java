package dev.plantsync.sftp;

import java.io.OutputStream;
import java.util.List;

/**
 * A partner's drop as FilePickup works it: directories to list, files to rename atomically (the claim), download,
 * upload. Over SFTP ({@link PartnerSftp}) or, for a plant without SFTP, a local directory ({@link LocalDrop}).
 * Paths are the partner's ({@code /inbound}, {@code /processing}, ...).
 */
public interface Drop extends AutoCloseable {

    Partner partner();

    /** Regular files in a directory. */
    List<RemoteFile> list(String dir);

    /** Renames atomically; false when the source is gone (another node claimed it first). */
    boolean rename(String from, String to);

    void download(String path, OutputStream out);

    void upload(byte[] content, String path);

    boolean exists(String path);

    void ensureDirectory(String dir);

    @Override
    void close();
}

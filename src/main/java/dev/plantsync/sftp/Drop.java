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

    /** Regular files in a directory; symbolic links are never followed, so a link is never listed as a file. */
    List<RemoteFile> list(String dir);

    /**
     * The entries of a directory that are neither regular files nor directories (symbolic links, FIFOs, sockets,
     * devices), each with what it is: never read, they are quarantined so they are reported once.
     */
    List<Irregular> irregular(String dir);

    /** Null when {@code path} is a regular file (not a link to one); otherwise what it is ("a symbolic link ..."). */
    String irregularity(String path);

    /** Renames atomically; false when the source is gone (another node claimed it first). */
    boolean rename(String from, String to);

    void download(String path, OutputStream out);

    void upload(byte[] content, String path);

    boolean exists(String path);

    /**
     * The drop's own clock, in epoch seconds: the time its file system stamps on a file written now (an empty probe
     * written into {@code dir} and removed). File times in a listing are on that clock, not ours.
     */
    long clockSeconds(String dir);

    void ensureDirectory(String dir);

    @Override
    void close();

    /** A directory entry that is not a regular file, and what it is. */
    record Irregular(String name, String kind) {
    }
}

package dev.plantsync.sftp;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A drop that is a directory on this machine (a plant without SFTP writes its files to a share): the same claim by
 * atomic rename, archive and error directories as over SFTP, below the partner's {@code localDirectory}.
 */
final class LocalDrop implements Drop {

    private final Partner partner;
    private final Path root;

    LocalDrop(Partner partner) {
        this.partner = partner;
        this.root = partner.localDirectory();
        if (!Files.isDirectory(root)) {
            throw new SftpDropException("partner " + partner.id() + ": local directory " + root + " does not exist",
                    false, null);
        }
    }

    @Override
    public Partner partner() {
        return partner;
    }

    @Override
    public List<RemoteFile> list(String dir) {
        List<RemoteFile> files = new ArrayList<>();
        try (Stream<Path> entries = Files.list(resolve(dir))) {
            for (Path p : entries.toList()) {
                if (Files.isRegularFile(p)) {
                    files.add(new RemoteFile(p.getFileName().toString(), Files.size(p),
                            Files.getLastModifiedTime(p).toMillis() / 1000));
                }
            }
            return files;
        } catch (IOException e) {
            throw failure("list " + dir, e);
        }
    }

    @Override
    public boolean rename(String from, String to) {
        try {
            Files.move(resolve(from), resolve(to), StandardCopyOption.ATOMIC_MOVE);
            return true;
        } catch (NoSuchFileException e) {
            return false;
        } catch (AtomicMoveNotSupportedException e) {
            throw new SftpDropException("partner " + partner.id() + ": " + from + " and " + to
                    + " are on different file systems; a claim must be an atomic rename", false, e);
        } catch (IOException e) {
            throw failure("rename " + from + " to " + to, e);
        }
    }

    @Override
    public void download(String path, OutputStream out) {
        try {
            Files.copy(resolve(path), out);
        } catch (IOException e) {
            throw failure("read " + path, e);
        }
    }

    @Override
    public void upload(byte[] content, String path) {
        try {
            Files.write(resolve(path), content);
        } catch (IOException e) {
            throw failure("write " + path, e);
        }
    }

    @Override
    public boolean exists(String path) {
        return Files.exists(resolve(path));
    }

    @Override
    public void ensureDirectory(String dir) {
        try {
            Files.createDirectories(resolve(dir));
        } catch (IOException e) {
            throw failure("create " + dir, e);
        }
    }

    @Override
    public void close() {
        // nothing held open
    }

    /** A partner path below the root; never outside it. */
    private Path resolve(String path) {
        Path resolved = root.resolve(path.replaceFirst("^/+", "")).normalize();
        if (!resolved.startsWith(root.normalize())) {
            throw new SftpDropException("partner " + partner.id() + ": " + path + " is outside " + root, false, null);
        }
        return resolved;
    }

    private SftpDropException failure(String what, IOException e) {
        // A missing file or a refused permission is the drop's state; anything else may pass (a share hiccup).
        boolean permanent = e instanceof NoSuchFileException || e instanceof java.nio.file.AccessDeniedException;
        return new SftpDropException("partner " + partner.id() + ": cannot " + what + ": " + e.getMessage(), !permanent,
                e);
    }
}

package dev.plantsync.sftp;

import java.io.IOException;
import java.io.OutputStream;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A drop that is a directory on this machine (a plant without SFTP writes its files to a share): the same claim by
 * atomic rename, archive and error directories as over SFTP, below the partner's {@code localDirectory}. Links are
 * never followed (a link to {@code /etc/passwd} dropped as {@code inv.edi} must not be read), and every path used
 * must really be inside the drop: its directory's real path, links resolved, lies below the drop's real path.
 */
final class LocalDrop implements Drop {

    private final Partner partner;
    private final Path root;
    private final Path realRoot;

    LocalDrop(Partner partner) {
        this.partner = partner;
        this.root = partner.localDirectory();
        if (!Files.isDirectory(root)) {
            throw new SftpDropException("partner " + partner.id() + ": local directory " + root + " does not exist",
                    false, null);
        }
        try {
            this.realRoot = root.toRealPath();
        } catch (IOException e) {
            throw failure("resolve " + root, e);
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
                BasicFileAttributes a = attributes(p);
                if (a != null && a.isRegularFile()) {
                    files.add(new RemoteFile(p.getFileName().toString(), a.size(), a.lastModifiedTime().toMillis() / 1000));
                }
            }
            return files;
        } catch (IOException e) {
            throw failure("list " + dir, e);
        }
    }

    @Override
    public List<Irregular> irregular(String dir) {
        List<Irregular> found = new ArrayList<>();
        try (Stream<Path> entries = Files.list(resolve(dir))) {
            for (Path p : entries.toList()) {
                String kind = kindOf(p);
                if (kind != null && !"a directory".equals(kind)) {
                    found.add(new Irregular(p.getFileName().toString(), kind));
                }
            }
            return found;
        } catch (IOException e) {
            throw failure("list " + dir, e);
        }
    }

    @Override
    public String irregularity(String path) {
        return kindOf(resolve(path));
    }

    /** Null for a regular file; what the entry is otherwise. Links are described, never followed. */
    private String kindOf(Path p) {
        BasicFileAttributes a = attributes(p);
        if (a == null) {
            return "gone";
        }
        if (a.isRegularFile()) {
            return null;
        }
        if (a.isSymbolicLink()) {
            String target;
            try {
                target = String.valueOf(Files.readSymbolicLink(p));
            } catch (IOException e) {
                target = "?";
            }
            return "a symbolic link (to " + target + ")";
        }
        return a.isDirectory() ? "a directory" : "not a regular file (a FIFO, socket or device)";
    }

    private static BasicFileAttributes attributes(Path p) {
        try {
            return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            return null; // gone between listing and reading
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
        Path file = resolve(path);
        String kind = kindOf(file);
        if (kind != null) {
            // checked before opening: opening a FIFO would block, and a link must never be followed
            throw new SftpDropException("partner " + partner.id() + ": " + path + " is " + kind + ", not read", false,
                    null);
        }
        // NOFOLLOW_LINKS (O_NOFOLLOW): a file swapped for a link after the check is refused, not followed
        try (InputStream in = Files.newInputStream(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            in.transferTo(out);
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
    public long clockSeconds(String dir) {
        Path probe = resolve(dir + "/.plantsync-clock-" + java.util.UUID.randomUUID());
        try {
            Files.write(probe, new byte[0]);
            try {
                return Files.getLastModifiedTime(probe, LinkOption.NOFOLLOW_LINKS).toMillis() / 1000;
            } finally {
                Files.deleteIfExists(probe);
            }
        } catch (IOException e) {
            throw failure("probe the clock in " + dir, e);
        }
    }

    @Override
    public boolean exists(String path) {
        return Files.exists(resolve(path), LinkOption.NOFOLLOW_LINKS);
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

    /**
     * A partner path below the root; never outside it, by name or through a link: the nearest existing directory
     * of the path, links resolved, must be the drop's real root or below it ({@code processing} as a link to
     * {@code /tmp} is refused).
     */
    private Path resolve(String path) {
        Path resolved = realRoot.resolve(path.replaceFirst("^/+", "")).normalize();
        if (!resolved.startsWith(realRoot)) {
            throw new SftpDropException("partner " + partner.id() + ": " + path + " is outside " + root, false, null);
        }
        // A directory (or a link to one) is checked itself; a file by its directory (the file may be a link that is
        // to be quarantined, never followed).
        Path dir = Files.isDirectory(resolved) ? resolved : resolved.getParent();
        while (dir != null && !Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            dir = dir.getParent();
        }
        try {
            if (dir == null || !dir.toRealPath().startsWith(realRoot)) {
                throw new SftpDropException("partner " + partner.id() + ": " + path + " leads outside " + root
                        + " through a symbolic link", false, null);
            }
        } catch (IOException e) {
            throw failure("resolve " + path, e);
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

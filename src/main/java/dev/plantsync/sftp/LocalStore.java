package dev.plantsync.sftp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

/**
 * Where downloaded files live: {@code <dataDir>/<partner>/<date>/<name>}. Partner-supplied names are reduced to a
 * safe last path element (no directories, no control characters, no leading dots), and the result is checked to stay
 * inside the data directory whatever the name was.
 */
public final class LocalStore {

    private final Path root;

    public LocalStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    public Path pathFor(String partner, LocalDate date, String remoteName, long id) {
        Path dir = root.resolve(sanitise(partner)).resolve(date.toString());
        Path file = dir.resolve(id + "-" + sanitise(remoteName)).normalize();
        if (!file.startsWith(root)) {
            throw new IllegalArgumentException("file name '" + remoteName + "' would leave the data directory");
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
        return file;
    }

    /** The last path element of a name, with anything but letters, digits, dot, dash and underscore replaced. */
    public static String sanitise(String name) {
        String last = name == null ? "" : name.replace('\\', '/');
        last = last.substring(last.lastIndexOf('/') + 1);
        StringBuilder out = new StringBuilder();
        for (char c : last.toCharArray()) {
            out.append(Character.isLetterOrDigit(c) && c < 128 || c == '.' || c == '-' || c == '_' ? c : '_');
        }
        String safe = out.toString().replaceAll("^\\.+", "_");
        if (safe.isEmpty() || safe.equals("_")) {
            safe = "unnamed";
        }
        return safe.length() > 180 ? safe.substring(safe.length() - 180) : safe;
    }
}

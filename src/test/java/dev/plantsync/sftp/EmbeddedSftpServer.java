package dev.plantsync.sftp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;

import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import org.apache.sshd.common.config.keys.AuthorizedKeyEntry;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.server.session.ServerSession;
import org.apache.sshd.sftp.server.FileHandle;
import org.apache.sshd.sftp.server.SftpEventListener;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;

/**
 * A real SSH/SFTP server (Apache MINA SSHD) for tests and the demo: a host key of its own, one user per partner
 * with key-only authentication, each rooted in its own directory, and a switch to drop a connection in the middle
 * of a download.
 */
public final class EmbeddedSftpServer implements AutoCloseable {

    private final SshServer sshd;
    private final Path root;
    private final Path keys;
    private final VirtualFileSystemFactory fileSystems;
    private final Map<String, PublicKey> authorized = new ConcurrentHashMap<>();
    private final Set<String> dropOnRead = new CopyOnWriteArraySet<>();
    /** File-name suffix -> directory name renames into are refused ("*" any directory). */
    private final Map<String, String> refusedRenames = new ConcurrentHashMap<>();

    private EmbeddedSftpServer(Path root) throws IOException {
        this.root = root;
        this.keys = Files.createDirectories(root.resolve("_keys"));
        this.fileSystems = new VirtualFileSystemFactory(root);
        sshd = SshServer.setUpDefaultServer();
        sshd.setHost("127.0.0.1");
        sshd.setPort(0);
        sshd.setKeyPairProvider(new SimpleGeneratorHostKeyProvider(keys.resolve("host-key.ser")));
        sshd.setPasswordAuthenticator(null);
        sshd.setKeyboardInteractiveAuthenticator(null);
        sshd.setPublickeyAuthenticator((user, key, session) -> {
            PublicKey allowed = authorized.get(user);
            return allowed != null && KeyUtils.compareKeys(allowed, key);
        });
        sshd.setFileSystemFactory(fileSystems);
        SftpSubsystemFactory sftp = new SftpSubsystemFactory();
        sftp.addSftpEventListener(new SftpEventListener() {
            @Override
            public void moving(ServerSession session, Path srcPath, Path dstPath, java.util.Collection<java.nio.file.CopyOption> opts)
                    throws IOException {
                String name = srcPath.getFileName().toString();
                for (Map.Entry<String, String> r : refusedRenames.entrySet()) {
                    if (name.endsWith(r.getKey()) && ("*".equals(r.getValue())
                            || dstPath.getParent().getFileName().toString().equals(r.getValue()))) {
                        throw new java.nio.file.AccessDeniedException(srcPath.toString(), dstPath.toString(),
                                "rename refused by the test server");
                    }
                }
            }

            @Override
            public void reading(ServerSession session, String remoteHandle, FileHandle localHandle, long offset,
                    byte[] data, int dataOffset, int dataLen) throws IOException {
                String name = localHandle.getFile().getFileName().toString();
                if (offset > 0 && dropOnRead.removeIf(name::endsWith)) {
                    session.close(true);
                    throw new IOException("connection dropped by the test server");
                }
            }
        });
        sshd.setSubsystemFactories(List.of(sftp));
        sshd.start();
    }

    public static EmbeddedSftpServer start(Path root) {
        try {
            return new EmbeddedSftpServer(root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded SFTP server", e);
        }
    }

    public int port() {
        return sshd.getPort();
    }

    /** Adds a partner user with its directories and a fresh key pair; returns the private key file. */
    public Path addUser(String user) {
        try {
            Path home = Files.createDirectories(root.resolve(user));
            for (String dir : List.of("inbound", "processing", "archive", "error", "outbound")) {
                Files.createDirectories(home.resolve(dir));
            }
            fileSystems.setUserHomeDir(user, home);
            JSch jsch = new JSch();
            com.jcraft.jsch.KeyPair pair = com.jcraft.jsch.KeyPair.genKeyPair(jsch, com.jcraft.jsch.KeyPair.ECDSA, 256);
            Path privateKey = keys.resolve(user);
            try (var out = Files.newOutputStream(privateKey)) {
                pair.writePrivateKey(out);
            }
            String publicLine = "ecdsa-sha2-nistp256 " + Base64.getEncoder().encodeToString(pair.getPublicKeyBlob());
            authorized.put(user, AuthorizedKeyEntry.parseAuthorizedKeyEntry(publicLine)
                    .resolvePublicKey(null, PublicKeyEntryResolver.FAILING));
            return privateKey;
        } catch (IOException | JSchException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException("cannot add SFTP user " + user, e);
        }
    }

    public Path home(String user) {
        return root.resolve(user);
    }

    /** The known_hosts line a client needs to trust this server. */
    public String knownHostsLine() {
        try {
            KeyPair host = sshd.getKeyPairProvider().loadKeys(null).iterator().next();
            return "[127.0.0.1]:" + port() + " " + PublicKeyEntry.toString(host.getPublic());
        } catch (IOException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public Path writeKnownHosts(Path file) {
        try {
            return Files.writeString(file, knownHostsLine() + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The next read (past the start) of a file whose name ends with this closes the connection. */
    public void dropConnectionDuringNextRead(String nameSuffix) {
        dropOnRead.add(nameSuffix);
    }

    /**
     * Renames of files whose name ends with {@code nameSuffix} into directory {@code intoDirectory} ("*": any) are
     * refused from now on, as a server refuses a name or a permission.
     */
    public void refuseRenames(String nameSuffix, String intoDirectory) {
        refusedRenames.put(nameSuffix, intoDirectory);
    }

    /** Renames are no longer refused. */
    public void allowRenames() {
        refusedRenames.clear();
    }

    /** A partner entry pointing at this server, with key auth and known hosts, for document type invoice (*.edi). */
    public Partner partner(String id, Path knownHosts) {
        return new Partner(id, "127.0.0.1", port(), id, keys.resolve(id), null, null, knownHosts, "/inbound",
                "/processing", "/archive", "/error", "/outbound", Map.of("invoice", List.of("*.edi", "*.x12", "*.csv")),
                null, List.of(), null, null, null);
    }

    /**
     * Adds the partners as users and writes a partner registry pointing at this server: each partner given as id,
     * EDI sender id and Odoo vendor reference, taking invoices as *.edi. Returns the registry file.
     */
    public Path writePartners(Path dir, String... idSenderVendor) {
        Path knownHosts = writeKnownHosts(dir.resolve("known_hosts"));
        StringBuilder yaml = new StringBuilder("partners:\n");
        for (int i = 0; i < idSenderVendor.length; i += 3) {
            Path key = addUser(idSenderVendor[i]);
            yaml.append("""
                      - id: %1$s
                        host: 127.0.0.1
                        port: %2$d
                        user: %1$s
                        privateKeyFile: %3$s
                        knownHostsFile: %4$s
                        patterns: {invoice: ["*.edi"], stock-snapshot: ["*.csv"], md-products: ["products*.csv"], md-categories: ["categories*.csv"], md-vendors: ["vendors*.csv"], md-locations: ["locations*.csv"], md-vendor-prices: ["vendor-prices*.csv"], md-boms: ["boms*.csv"], md-units: ["units*.csv"]}
                        ediIds: ["%5$s"]
                        odooVendorRef: %6$s
                    """.formatted(idSenderVendor[i], port(), key, knownHosts, idSenderVendor[i + 1],
                    idSenderVendor[i + 2]));
        }
        try {
            return Files.writeString(dir.resolve("partners.yml"), yaml.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static String read(Path file) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(Files.readAllBytes(file));
            return out.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            sshd.stop(true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

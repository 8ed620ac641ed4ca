package dev.plantsync.sftp;

import java.time.Duration;

import com.jcraft.jsch.ChannelSftp;
import com.jcraft.jsch.HostKey;
import com.jcraft.jsch.HostKeyRepository;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import com.jcraft.jsch.UserInfo;

/**
 * Opens SFTP sessions to partners with JSch. The host key is always checked against the partner's known_hosts file;
 * an unknown or changed key is refused with the host and the fingerprint seen, so an operator can verify it with
 * the partner. Keys and passwords come from the files and environment variables the partner entry names.
 */
public final class SftpConnector {

    private final Duration connectTimeout;
    private final Duration readTimeout;

    public SftpConnector(Duration connectTimeout, Duration readTimeout) {
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
    }

    public Drop open(Partner p) {
        if (p.localDirectory() != null) {
            return new LocalDrop(p);
        }
        if (p.knownHostsFile() == null) {
            throw new SftpDropException("partner " + p.id() + " has no knownHostsFile: host keys are always verified",
                    false, null);
        }
        JSch jsch = new JSch();
        RecordingHostKeys hostKeys;
        Session session;
        try {
            jsch.setKnownHosts(p.knownHostsFile().toString());
            hostKeys = new RecordingHostKeys(jsch.getHostKeyRepository());
            jsch.setHostKeyRepository(hostKeys);
            if (p.privateKeyFile() != null) {
                String passphrase = p.passphraseEnv() == null ? null : System.getenv(p.passphraseEnv());
                jsch.addIdentity(p.privateKeyFile().toString(), passphrase);
            }
            session = jsch.getSession(p.user(), p.host(), p.port());
            if (p.passwordEnv() != null) {
                String password = System.getenv(p.passwordEnv());
                if (password == null) {
                    throw new SftpDropException("partner " + p.id() + ": environment variable " + p.passwordEnv()
                            + " (its SFTP password) is not set", false, null);
                }
                session.setPassword(password);
            }
            session.setConfig("StrictHostKeyChecking", "yes");
            session.setConfig("PreferredAuthentications", p.privateKeyFile() != null ? "publickey" : "password");
            session.setTimeout((int) readTimeout.toMillis());
        } catch (JSchException e) {
            throw new SftpDropException("partner " + p.id() + ": cannot prepare the SFTP session: " + e.getMessage(),
                    false, e);
        }
        String where = p.user() + "@" + p.host() + ":" + p.port();
        try {
            session.connect((int) connectTimeout.toMillis());
            ChannelSftp channel = (ChannelSftp) session.openChannel("sftp");
            channel.connect((int) connectTimeout.toMillis());
            return new PartnerSftp(p, session, channel);
        } catch (JSchException e) {
            session.disconnect();
            String message = String.valueOf(e.getMessage());
            if (message.contains("reject HostKey") || message.contains("HostKey has been changed")) {
                String seen = hostKeys.fingerprint(jsch);
                throw new SftpDropException("partner " + p.id() + ": host key of " + p.host() + ":" + p.port()
                        + (message.contains("changed") ? " has CHANGED" : " is not in " + p.knownHostsFile())
                        + "; the server presented " + seen + ". Verify it with the partner before adding it.", false, e);
            }
            if (message.contains("Auth fail") || message.contains("Auth cancel")) {
                throw new SftpDropException("partner " + p.id() + ": authentication refused for " + where, false, e);
            }
            throw new SftpDropException("partner " + p.id() + ": cannot connect to " + where + ": " + message, true, e);
        }
    }

    /** Delegates to known_hosts and remembers the key the server presented. */
    private static final class RecordingHostKeys implements HostKeyRepository {

        private final HostKeyRepository delegate;
        private String host;
        private byte[] key;

        RecordingHostKeys(HostKeyRepository delegate) {
            this.delegate = delegate;
        }

        @Override
        public int check(String h, byte[] k) {
            host = h;
            key = k;
            return delegate.check(h, k);
        }

        String fingerprint(JSch jsch) {
            if (key == null) {
                return "no key";
            }
            try {
                HostKey hk = new HostKey(host, key);
                return hk.getType() + " " + hk.getFingerPrint(jsch);
            } catch (JSchException e) {
                return "an unreadable key";
            }
        }

        @Override
        public void add(HostKey hostkey, UserInfo ui) {
            delegate.add(hostkey, ui);
        }

        @Override
        public void remove(String h, String type) {
            delegate.remove(h, type);
        }

        @Override
        public void remove(String h, String type, byte[] k) {
            delegate.remove(h, type, k);
        }

        @Override
        public String getKnownHostsRepositoryID() {
            return delegate.getKnownHostsRepositoryID();
        }

        @Override
        public HostKey[] getHostKey() {
            return delegate.getHostKey();
        }

        @Override
        public HostKey[] getHostKey(String h, String type) {
            return delegate.getHostKey(h, type);
        }
    }
}

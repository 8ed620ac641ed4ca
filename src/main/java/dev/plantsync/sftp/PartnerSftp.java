package dev.plantsync.sftp;

import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Vector;

import com.jcraft.jsch.ChannelSftp;
import com.jcraft.jsch.Session;
import com.jcraft.jsch.SftpATTRS;
import com.jcraft.jsch.SftpException;

/** An open SFTP channel to one partner: list, rename (claim), download, upload, move. */
public final class PartnerSftp implements Drop {

    private final Partner partner;
    private final Session session;
    private final ChannelSftp channel;

    PartnerSftp(Partner partner, Session session, ChannelSftp channel) {
        this.partner = partner;
        this.session = session;
        this.channel = channel;
    }

    @Override
    public Partner partner() {
        return partner;
    }

    /** Regular files in a directory (the listing's attributes are the entries' own: a link is not a file). */
    @Override
    public List<RemoteFile> list(String dir) {
        List<RemoteFile> files = new ArrayList<>();
        for (ChannelSftp.LsEntry e : entries(dir)) {
            if (e.getAttrs().isReg() && !e.getAttrs().isLink()) {
                files.add(new RemoteFile(e.getFilename(), e.getAttrs().getSize(), e.getAttrs().getMTime()));
            }
        }
        return files;
    }

    @Override
    public List<Irregular> irregular(String dir) {
        List<Irregular> found = new ArrayList<>();
        for (ChannelSftp.LsEntry e : entries(dir)) {
            String kind = kindOf(e.getAttrs(), dir + "/" + e.getFilename());
            if (kind != null && !"a directory".equals(kind)) {
                found.add(new Irregular(e.getFilename(), kind));
            }
        }
        return found;
    }

    /** lstat, never stat: a link is reported as a link, whatever it points to. */
    @Override
    public String irregularity(String path) {
        try {
            return kindOf(channel.lstat(path), path);
        } catch (SftpException e) {
            if (e.id == ChannelSftp.SSH_FX_NO_SUCH_FILE) {
                return "gone";
            }
            throw failure("stat " + path, e);
        }
    }

    private String kindOf(SftpATTRS a, String path) {
        if (a.isLink()) {
            String target;
            try {
                target = channel.readlink(path);
            } catch (SftpException e) {
                target = "?";
            }
            return "a symbolic link (to " + target + ")";
        }
        if (a.isReg()) {
            return null;
        }
        return a.isDir() ? "a directory" : "not a regular file (a FIFO, socket or device)";
    }

    private List<ChannelSftp.LsEntry> entries(String dir) {
        try {
            @SuppressWarnings("unchecked")
            Vector<ChannelSftp.LsEntry> entries = channel.ls(dir);
            return entries;
        } catch (SftpException e) {
            throw failure("list " + dir, e);
        }
    }

    /** Renames atomically on the server; false when the source is gone (another node claimed it first). */
    @Override
    public boolean rename(String from, String to) {
        try {
            channel.rename(from, to);
            return true;
        } catch (SftpException e) {
            if (e.id == ChannelSftp.SSH_FX_NO_SUCH_FILE) {
                return false;
            }
            throw failure("rename " + from + " to " + to, e);
        }
    }

    /** Refuses anything but a regular file (lstat), so a link renamed into processing is never read through. */
    @Override
    public void download(String path, OutputStream out) {
        String kind = irregularity(path);
        if (kind != null) {
            throw new SftpDropException("partner " + partner.id() + ": " + path + " is " + kind + ", not read", false,
                    null);
        }
        try {
            channel.get(path, out);
        } catch (SftpException e) {
            throw failure("download " + path, e);
        }
    }

    @Override
    public void upload(byte[] content, String path) {
        try {
            channel.put(new ByteArrayInputStream(content), path);
        } catch (SftpException e) {
            throw failure("upload " + path, e);
        }
    }

    @Override
    public long clockSeconds(String dir) {
        String probe = dir + "/.plantsync-clock-" + java.util.UUID.randomUUID();
        try {
            channel.put(new ByteArrayInputStream(new byte[0]), probe);
            try {
                return channel.lstat(probe).getMTime();
            } finally {
                channel.rm(probe);
            }
        } catch (SftpException e) {
            throw failure("probe the clock in " + dir, e);
        }
    }

    @Override
    public boolean exists(String path) {
        try {
            channel.lstat(path);
            return true;
        } catch (SftpException e) {
            if (e.id == ChannelSftp.SSH_FX_NO_SUCH_FILE) {
                return false;
            }
            throw failure("stat " + path, e);
        }
    }

    @Override
    public void ensureDirectory(String dir) {
        if (!exists(dir)) {
            try {
                channel.mkdir(dir);
            } catch (SftpException e) {
                if (!exists(dir)) {
                    throw failure("create " + dir, e);
                }
            }
        }
    }

    private SftpDropException failure(String what, SftpException e) {
        // No-such-file and permission errors are about the drop's state; anything else is the connection failing.
        boolean permanent = e.id == ChannelSftp.SSH_FX_NO_SUCH_FILE || e.id == ChannelSftp.SSH_FX_PERMISSION_DENIED;
        return new SftpDropException("partner " + partner.id() + ": cannot " + what + ": " + e.getMessage(), !permanent, e);
    }

    @Override
    public void close() {
        channel.disconnect();
        session.disconnect();
    }
}

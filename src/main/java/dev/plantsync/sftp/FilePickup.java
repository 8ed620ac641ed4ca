package dev.plantsync.sftp;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.plantsync.platform.FlowLatency;
import io.micrometer.core.instrument.Metrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Takes complete files from a partner's drop, safely: a file is complete when its size and time are the same in two
 * listings a moment apart (or its done-marker exists); it is claimed by renaming it into {@code processing/} (the
 * server's rename is atomic, so of two nodes only one gets it); downloaded with its sha256; registered (the same
 * bytes twice are a DUPLICATE and go to archive unprocessed). Files over the size limit go to {@code error/} with a
 * {@code .reason.txt} beside them. Dropped connections are retried with backoff. Symbolic links and other entries
 * that are not regular files are never read (quarantined once); a file whose claim fails is quarantined, and one that
 * can be neither claimed nor quarantined is reported as left behind while the partner's other files go on. A file
 * renamed into {@code processing/} by a pickup that stopped before registering it is adopted by a later pickup.
 */
public final class FilePickup {

    private static final Logger log = LoggerFactory.getLogger(FilePickup.class);
    private static final DateTimeFormatter CLAIM_STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS");
    /** A claimed name: stamp, random, the (possibly shortened) original name. */
    private static final Pattern CLAIMED_NAME = Pattern.compile("(\\d{8}T\\d{9})_[0-9a-f]{1,4}_(.+)");
    /** Bytes of the partner's name kept in a claimed name (stamp and random add 24; file names may have 255). */
    static final int MAX_NAME_BYTES = 120;
    /** A file in processing/ without a register row this long after its claim was orphaned by a stopped pickup. */
    static final Duration ORPHAN_AGE = Duration.ofHours(1);

    private final SftpConnector connector;
    private final LocalStore store;
    private final InboundFiles files;
    private final Duration stability;
    private final Clock clock;
    private final int attempts;
    private final FlowLatency latency;
    private final Sleeper sleeper;

    public FilePickup(SftpConnector connector, LocalStore store, InboundFiles files, Duration stability, Clock clock,
            int attempts, FlowLatency latency) {
        this(connector, store, files, stability, clock, attempts, latency, Sleeper.REAL);
    }

    public FilePickup(SftpConnector connector, LocalStore store, InboundFiles files, Duration stability, Clock clock,
            int attempts, FlowLatency latency, Sleeper sleeper) {
        this.sleeper = sleeper;
        this.connector = connector;
        this.store = store;
        this.files = files;
        this.stability = stability;
        this.clock = clock;
        this.attempts = attempts;
        this.latency = latency;
    }

    public List<PickedFile> pickup(Partner partner, String documentType) {
        return pickup(partner, List.of(documentType));
    }

    public List<PickedFile> pickup(Partner partner, Collection<String> documentTypes) {
        return pickup(partner, documentTypes, left -> {
        });
    }

    /**
     * The complete files of these document types, with one stability wait for all of them (a job taking several kinds
     * from one drop waits once per run, not once per kind). One file's failure stays with that file: it is
     * quarantined when it can be, otherwise handed to {@code leftBehind} (and counted), and the other files go on.
     * Entries that are not regular files (links, FIFOs) are quarantined unread; files a crashed pickup renamed into
     * {@code processing/} without registering them are adopted.
     */
    public List<PickedFile> pickup(Partner partner, Collection<String> documentTypes, Consumer<LeftBehind> leftBehind) {
        List<PickedFile> picked = new ArrayList<>();
        Consumer<LeftBehind> left = l -> {
            log.warn("{} of partner {} left behind: {}", l.name(), l.partner(), l.reason());
            Metrics.counter("plantsync.inbound.files.left.behind", "partner", l.partner()).increment();
            leftBehind.accept(l);
        };
        MDC.put("partner", partner.id());
        try (Drop sftp = retry("connect", partner, s -> s)) {
            sftp.ensureDirectory(partner.processing());
            sftp.ensureDirectory(partner.archive());
            sftp.ensureDirectory(partner.error());
            picked.addAll(adoptOrphans(sftp, partner, documentTypes, left));
            quarantineIrregular(sftp, partner, documentTypes, left);
            for (RemoteFile file : CompleteFiles.in(sftp, partner, documentTypes, stability, sleeper)) {
                MDC.put("file", file.name());
                String documentType = partner.documentType(file.name());
                try {
                    PickedFile p = take(sftp, partner, documentType, file);
                    if (p != null) {
                        picked.add(p);
                    }
                } catch (RuntimeException e) {
                    left.accept(new LeftBehind(partner.id(), documentType, file.name(), e.getMessage()));
                }
            }
        } finally {
            MDC.remove("partner");
            MDC.remove("file");
        }
        return picked;
    }

    /** Claims, checks and downloads one complete file; null when it is not to be staged (gone, quarantined, duplicate). */
    private PickedFile take(Drop sftp, Partner partner, String documentType, RemoteFile file) {
        String inboundPath = partner.inbound() + "/" + file.name();
        String claimed = partner.processing() + "/" + claimName(file.name());
        boolean mine;
        try {
            mine = sftp.rename(inboundPath, claimed);
        } catch (SftpDropException e) {
            // The claim itself fails (a name the server refuses, a permission): quarantine it unclaimed, so it is
            // reported once and the partner's other files go on.
            String reason = "cannot be claimed: " + e.getMessage();
            String errorPath;
            try {
                errorPath = toError(sftp, partner, inboundPath, file.name(), reason,
                        partner.error() + "/" + claimName(file.name()));
            } catch (SftpDropException notMoved) {
                throw new SftpDropException(reason + "; nor moved to " + partner.error() + ": " + notMoved.getMessage(),
                        notMoved.isTransient(), notMoved);
            }
            files.quarantinedUnread(partner.id(), documentType, file.name(), file.size(), reason, errorPath);
            log.warn("{} quarantined: {}", file.name(), reason);
            return null;
        }
        if (!mine) {
            log.info("{} was claimed by another node", file.name());
            return null;
        }
        return checkAndDownload(sftp, partner, documentType, file, claimed);
    }

    private PickedFile checkAndDownload(Drop sftp, Partner partner, String documentType, RemoteFile file,
            String claimed) {
        // What was listed as a file may have been swapped for a link before the claim: checked on the claimed entry.
        String irregular = sftp.irregularity(claimed);
        if (irregular != null) {
            String reason = "not a regular file: " + irregular + "; never read";
            String errorPath = toError(sftp, partner, claimed, file.name(), reason);
            files.quarantinedUnread(partner.id(), documentType, file.name(), 0, reason, errorPath);
            log.warn("{} quarantined: {}", file.name(), reason);
            return null;
        }
        if (file.size() > partner.maxFileBytes()) {
            String reason = "file size " + file.size() + " bytes exceeds the limit of " + partner.maxFileBytes()
                    + " bytes for partner " + partner.id();
            String errorPath = toError(sftp, partner, claimed, file.name(), reason);
            files.quarantinedUnread(partner.id(), documentType, file.name(), file.size(), reason, errorPath);
            log.warn("{} quarantined: {}", file.name(), reason);
            return null;
        }
        return download(partner, documentType, file, claimed);
    }

    /**
     * Symbolic links, FIFOs and other entries that are not regular files, named like one of these kinds: moved (the
     * entry itself, never what a link points to) to the error directory with their reason and registered as
     * QUARANTINED, so they are reported once instead of lying unmentioned in the drop for ever.
     */
    private void quarantineIrregular(Drop sftp, Partner partner, Collection<String> documentTypes,
            Consumer<LeftBehind> left) {
        for (Drop.Irregular entry : sftp.irregular(partner.inbound())) {
            String documentType = partner.documentType(entry.name());
            if (documentType == null || !documentTypes.contains(documentType)) {
                continue;
            }
            String reason = "not a regular file: " + entry.kind() + "; never read";
            try {
                String errorPath = toError(sftp, partner, partner.inbound() + "/" + entry.name(), entry.name(), reason,
                        partner.error() + "/" + claimName(entry.name()));
                files.quarantinedUnread(partner.id(), documentType, entry.name(), 0, reason, errorPath);
                log.warn("{} quarantined: {}", entry.name(), reason);
            } catch (RuntimeException e) {
                left.accept(new LeftBehind(partner.id(), documentType, entry.name(), reason + "; cannot be moved to "
                        + partner.error() + ": " + e.getMessage()));
            }
        }
    }

    /**
     * Files in {@code processing/} that no inbound_file row knows: a pickup renamed them (the claim) and was killed
     * before registering them. Their claim is older than {@link #ORPHAN_AGE} (a younger one may be another node's
     * claim being downloaded right now); they are registered now and staged like any other claimed file.
     */
    private List<PickedFile> adoptOrphans(Drop sftp, Partner partner, Collection<String> documentTypes,
            Consumer<LeftBehind> left) {
        List<RemoteFile> inProcessing = sftp.list(partner.processing());
        if (inProcessing.isEmpty()) {
            return List.of();
        }
        Set<String> known = files.knownRemotePaths(partner.id(),
                inProcessing.stream().map(f -> partner.processing() + "/" + f.name()).toList());
        List<PickedFile> adopted = new ArrayList<>();
        for (RemoteFile f : inProcessing) {
            String path = partner.processing() + "/" + f.name();
            if (known.contains(path)) {
                continue;
            }
            Matcher m = CLAIMED_NAME.matcher(f.name());
            String original = m.matches() ? m.group(2) : f.name();
            String documentType = partner.documentType(original);
            if (documentType == null || !documentTypes.contains(documentType)) {
                continue;
            }
            Instant claimedAt = m.matches()
                    ? LocalDateTime.parse(m.group(1), CLAIM_STAMP).atZone(clock.getZone()).toInstant()
                    : Instant.ofEpochSecond(f.modified());
            if (claimedAt.isAfter(clock.instant().minus(ORPHAN_AGE))) {
                continue;
            }
            MDC.put("file", original);
            log.warn("{} was claimed at {} but never registered (the pickup stopped in between): adopted", path,
                    claimedAt);
            try {
                PickedFile p = checkAndDownload(sftp, partner, documentType,
                        new RemoteFile(original, f.size(), f.modified()), path);
                if (p != null) {
                    adopted.add(p);
                }
            } catch (RuntimeException e) {
                left.accept(new LeftBehind(partner.id(), documentType, path, e.getMessage()));
            }
        }
        return adopted;
    }

    /**
     * A unique claimed name: a re-dropped file of the same name never collides with an earlier claim. Long names are
     * shortened (head, "~", tail with the extension) so stamp and name stay well under the 255 bytes a file name may
     * have; the original name stays in inbound_file.
     */
    String claimName(String name) {
        return CLAIM_STAMP.format(LocalDateTime.now(clock)) + "_"
                + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000)) + "_" + shortened(name);
    }

    static String shortened(String name) {
        if (name.getBytes(StandardCharsets.UTF_8).length <= MAX_NAME_BYTES) {
            return name;
        }
        int[] cps = name.codePoints().toArray();
        StringBuilder head = new StringBuilder();
        int bytes = 0;
        for (int i = 0; i < cps.length; i++) {
            String c = new String(Character.toChars(cps[i]));
            bytes += c.getBytes(StandardCharsets.UTF_8).length;
            if (bytes > MAX_NAME_BYTES / 2 - 1) {
                break;
            }
            head.append(c);
        }
        StringBuilder tail = new StringBuilder();
        bytes = 0;
        for (int i = cps.length - 1; i >= 0; i--) {
            String c = new String(Character.toChars(cps[i]));
            bytes += c.getBytes(StandardCharsets.UTF_8).length;
            if (bytes > MAX_NAME_BYTES / 2 - 1) {
                break;
            }
            tail.insert(0, c);
        }
        return head + "~" + tail;
    }

    private PickedFile download(Partner partner, String documentType, RemoteFile file, String claimed) {
        long tempId = System.nanoTime();
        Path local = store.pathFor(partner.id(), LocalDate.now(clock), file.name(), tempId);
        String sha256 = retry("download " + file.name(), partner, sftp -> {
            try (OutputStream out = Files.newOutputStream(local)) {
                MessageDigest digest = MessageDigest.getInstance("SHA-256");
                try (DigestOutputStream digesting = new DigestOutputStream(out, digest)) {
                    sftp.download(claimed, digesting);
                }
                return HexFormat.of().formatHex(digest.digest());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        });
        long size;
        try {
            size = Files.size(local);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Instant dropped = file.modified() > 0 ? Instant.ofEpochSecond(file.modified()) : null;
        InboundFiles.Registration registration = files.register(partner.id(), documentType, file.name(), size, sha256,
                local, claimed, dropped);
        if (registration.duplicate()) {
            String archived = retry("archive duplicate " + file.name(), partner,
                    sftp -> move(sftp, claimed, partner.archive() + "/" + baseName(claimed)));
            files.state(registration.id(), "DUPLICATE", "same content as inbound file " + registration.duplicateOf(),
                    archived);
            log.info("{} has the same content as inbound file {}: archived, not processed again", file.name(),
                    registration.duplicateOf());
            return null;
        }
        latency.record(documentType.toLowerCase(Locale.ROOT), partner.id(), "claimed", dropped);
        return new PickedFile(registration.id(), partner, documentType, file.name(), local, sha256, size, claimed);
    }

    /**
     * Files taken but not finished, by this run or a crashed one: CLAIMED ones are returned to be staged; STAGED
     * ones (staged, not yet archived) are archived now.
     */
    public List<PickedFile> claimed(String documentType, PartnerRegistry registry) {
        List<PickedFile> todo = new ArrayList<>();
        for (InboundFiles.Unfinished u : files.unfinished(documentType)) {
            java.util.Optional<Partner> partner = registry.find(u.partner());
            if (partner.isEmpty()) {
                log.warn("inbound file {} belongs to partner {}, no longer registered; left as it is", u.id(), u.partner());
                continue;
            }
            PickedFile file = new PickedFile(u.id(), partner.get(), u.documentType(), u.name(), Path.of(u.localPath()),
                    u.sha256(), u.size(), u.remotePath());
            if ("STAGED".equals(u.state())) {
                processed(file);
            } else {
                todo.add(file);
            }
        }
        return todo;
    }

    /** The file's content is staged (in the caller's transaction); archiving follows. */
    public void staged(PickedFile file) {
        files.state(file.id(), "STAGED", null, file.remotePath());
    }

    /** The file was processed: it moves to the partner's archive directory. */
    public void processed(PickedFile file) {
        String archived = retry("archive " + file.name(), file.partner(),
                sftp -> move(sftp, file.remotePath(), file.partner().archive() + "/" + baseName(file.remotePath())));
        files.state(file.id(), "PROCESSED", null, archived);
    }

    /** The file as a whole is unusable: it moves to the error directory with a {@code .reason.txt} beside it. */
    public void quarantine(PickedFile file, String reason) {
        String errorPath = retry("quarantine " + file.name(), file.partner(),
                sftp -> toError(sftp, file.partner(), file.remotePath(), file.name(), reason));
        files.state(file.id(), "QUARANTINED", reason, errorPath);
    }

    /** Writes an acknowledgement (997 / CONTRL) of {@code file} to the partner's outbound directory. */
    public void acknowledge(PickedFile file, String name, byte[] content) {
        Partner partner = file.partner();
        String sent = LocalStore.sanitise(name);
        retry("upload " + name, partner, sftp -> {
            sftp.ensureDirectory(partner.outbound());
            sftp.upload(content, partner.outbound() + "/" + sent);
            return null;
        });
        files.acknowledged(file.id(), sent);
    }

    /** What {@link #deliver} found: the file written now, or the same bytes already there under that name. */
    public enum Delivery { WRITTEN, ALREADY_THERE }

    /**
     * Puts a file of ours (a release for a plant's MES) into the partner's outbound directory so the partner never
     * reads half of it: uploaded as {@code name.part}, then renamed to {@code name} (and the partner's done-marker
     * written beside it when it uses one). A file of that name already there with the same bytes (a restart after a
     * crash between upload and commit) is left as it is; with other bytes it is never overwritten: the delivery fails.
     */
    public Delivery deliver(Partner partner, String name, byte[] content) {
        String target = partner.outbound() + "/" + LocalStore.sanitise(name);
        return retry("deliver " + name, partner, sftp -> {
            sftp.ensureDirectory(partner.outbound());
            Delivery delivery = Delivery.WRITTEN;
            if (sftp.exists(target)) {
                java.io.ByteArrayOutputStream there = new java.io.ByteArrayOutputStream();
                sftp.download(target, there);
                if (!java.util.Arrays.equals(there.toByteArray(), content)) {
                    throw new SftpDropException("partner " + partner.id() + ": " + target + " is already there with "
                            + "other content (" + there.size() + " bytes, ours " + content.length + "); not overwritten",
                            false, null);
                }
                delivery = Delivery.ALREADY_THERE;
            } else {
                String part = target + ".part";
                sftp.upload(content, part);
                if (!sftp.rename(part, target)) {
                    throw new SftpDropException("partner " + partner.id() + ": " + part + " vanished before its rename",
                            true, null);
                }
            }
            if (partner.doneMarker() != null && !sftp.exists(target + partner.doneMarker())) {
                sftp.upload(new byte[0], target + partner.doneMarker());
            }
            return delivery;
        });
    }

    private String toError(Drop sftp, Partner partner, String from, String name, String reason) {
        return toError(sftp, partner, from, name, reason, partner.error() + "/" + baseName(from));
    }

    private String toError(Drop sftp, Partner partner, String from, String name, String reason, String target) {
        sftp.rename(from, target);
        sftp.upload((name + ": " + reason + "\n").getBytes(StandardCharsets.UTF_8), target + ".reason.txt");
        return target;
    }

    private static String move(Drop sftp, String from, String to) {
        sftp.rename(from, to);
        return to;
    }

    private static String baseName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** Runs an action on a fresh connection, again on transient failures with exponential backoff. */
    private <T> T retry(String what, Partner partner, Function<Drop, T> action) {
        long backoff = 200;
        for (int attempt = 1;; attempt++) {
            Drop sftp = null;
            try {
                sftp = connector.open(partner);
                T result = action.apply(sftp);
                if (result instanceof Drop) {
                    return result; // the caller keeps this connection open
                }
                sftp.close();
                return result;
            } catch (SftpDropException e) {
                if (sftp != null) {
                    sftp.close();
                }
                if (!e.isTransient() || attempt >= attempts) {
                    throw e;
                }
                Metrics.counter("plantsync.retries", "dependency", "sftp").increment();
                log.warn("{} failed (attempt {}/{}): {}; retrying in {} ms", what, attempt, attempts, e.getMessage(),
                        backoff);
                sleep(Duration.ofMillis(backoff));
                backoff = Math.min(backoff * 2, 10_000);
            }
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
